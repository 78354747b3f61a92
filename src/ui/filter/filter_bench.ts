import { compileFilter } from "./compile.ts";
import { parseFilter } from "./parser.ts";
import { RTP_FIELDS, RTP_ROWS, type RtpRow } from "./_samples.ts";

/** 100,000 rows (the UI's packets table size target), cycling through the sample RTP rows with varying numbers. */
const ROWS: RtpRow[] = Array.from({ length: 100_000 }, (_, i) => {
  const r = RTP_ROWS[i % RTP_ROWS.length]!;
  return { ...r, no: i, seq: (r.seq + i) & 0xffff, payload: r.payload + (i % 200) };
});

const FILTERS = {
  number: "payload:>200",
  address: "src:127.0.0.1 OR dst:2001:db8::/32",
  text: "alias:a OR marker:no",
  mixed: '(src:127.0.0.0/8 AND payload:>=100) OR NOT (pt:111 marker:yes) OR "192.0.2.1"',
};

for (const [name, filter] of Object.entries(FILTERS)) {
  const f = compileFilter(filter, RTP_FIELDS);
  if (!f.ok) throw new Error(f.error.message);
  Deno.bench(`filtering 100,000 RTP rows with a ${name} filter`, { group: "test" }, () => {
    let n = 0;
    for (const r of ROWS) if (f.test(r)) n++;
    if (n < 0) throw new Error("unreachable");
  });
}

Deno.bench("parseFilter() of a 10-term filter", { group: "parse" }, () => {
  parseFilter(FILTERS.mixed + " AND seq:>10 seq:<60000 ssrc:!=0x1234");
});

Deno.bench("compileFilter() of a 10-term filter", { group: "parse" }, () => {
  compileFilter(FILTERS.mixed + " AND seq:>10 seq:<60000 ssrc:!=0x1234", RTP_FIELDS);
});
