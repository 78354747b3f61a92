/**
 * Writes real WebRTC offers made by headless Chromium, for the SDP parser's fixtures. Called by
 * scripts/make-sdp-fixtures.sh; tests/testdata/sdp/README.md says what each offer holds.
 *
 * The page is about:blank. It creates an RTCPeerConnection, adds transceivers (no tracks, no camera), calls
 * `createOffer()` and `setLocalDescription()`, waits until ICE gathering completes (host candidates only: there is no
 * STUN server and no network) and returns `localDescription.sdp`, so the offer carries its candidates.
 *
 * Usage: deno run -A scripts/sdp_offer_from_chromium.ts OUT_DIR
 *
 * @module
 */
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/_chromium.ts";

// The flags of tests/_chromium.ts, plus one: without it Chromium hides host addresses behind random mDNS names
// (RFC 8839 §5.1 allows an FQDN there), and the offer would announce no address that a capture could match.
const NO_MDNS = "--disable-features=WebRtcHideLocalIpsWithMdns";

/** What the page builds: transceivers to add and whether to open a data channel. */
interface OfferPlan {
  transceivers: { kind: "audio" | "video"; rids?: string[] }[];
  dataChannel: boolean;
}

const OFFERS: { file: string; mdns: boolean; plan: OfferPlan }[] = [
  {
    file: "chromium-offer.sdp",
    mdns: false,
    plan: { transceivers: [{ kind: "audio" }, { kind: "video" }], dataChannel: true },
  },
  {
    file: "chromium-simulcast-offer.sdp",
    mdns: true,
    plan: { transceivers: [{ kind: "video", rids: ["h", "m", "l"] }], dataChannel: false },
  },
];

async function offerFrom(mdns: boolean, plan: OfferPlan): Promise<string> {
  const args = mdns ? [...CHROMIUM_ARGS] : [...CHROMIUM_ARGS, NO_MDNS];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  try {
    const page = await browser.newPage();
    await page.goto("about:blank");
    return await page.evaluate(async (plan: OfferPlan) => {
      const pc = new RTCPeerConnection();
      for (const t of plan.transceivers) {
        const sendEncodings = t.rids?.map((rid) => ({ rid }));
        pc.addTransceiver(t.kind, sendEncodings ? { direction: "sendrecv", sendEncodings } : { direction: "sendrecv" });
      }
      if (plan.dataChannel) pc.createDataChannel("netpix");
      const gathered = new Promise<void>((resolve) => {
        pc.addEventListener("icegatheringstatechange", () => {
          if (pc.iceGatheringState === "complete") resolve();
        });
      });
      await pc.setLocalDescription(await pc.createOffer());
      await Promise.race([gathered, new Promise((r) => setTimeout(r, 10_000))]);
      const sdp = pc.localDescription?.sdp ?? "";
      pc.close();
      return sdp;
    }, plan);
  } finally {
    await browser.close();
  }
}

if (import.meta.main) {
  const out = Deno.args[0];
  if (!out) {
    console.error("usage: deno run -A scripts/sdp_offer_from_chromium.ts OUT_DIR");
    Deno.exit(2);
  }
  for (const o of OFFERS) {
    const sdp = await offerFrom(o.mdns, o.plan);
    if (!sdp.startsWith("v=0\r\n")) throw new Error(`Cannot make ${o.file}: Chromium returned no offer`);
    await Deno.writeTextFile(`${out}/${o.file}`, sdp);
    console.error(`sdp_offer_from_chromium: wrote ${out}/${o.file} (${sdp.length} bytes)`);
  }
}
