//! A paced UDP sender for the live benchmarks: sends `count` datagrams of `size` bytes to 127.0.0.1:`port` at `rate`
//! packets/s. Each payload starts with a big-endian u64 sequence number and the u64 send time in nanoseconds since the
//! Unix epoch, so a receiver can count losses and measure latency.
//! Build: rustc -O scripts/bench/udp_blast.rs -o bench-out/udp_blast (std only, no crates).
use std::net::UdpSocket;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn arg(args: &[String], i: usize, name: &str) -> u64 {
    args.get(i).and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        eprintln!("usage: udp_blast PORT RATE COUNT SIZE  (bad or missing {name})");
        std::process::exit(2)
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (port, rate, count, size) = (arg(&args, 1, "PORT"), arg(&args, 2, "RATE"), arg(&args, 3, "COUNT"), arg(&args, 4, "SIZE"));
    let sock = UdpSocket::bind("127.0.0.1:0").expect("bind");
    sock.connect(("127.0.0.1", port as u16)).expect("connect");
    let mut buf = vec![0u8; size.max(16) as usize];
    let start = Instant::now();
    let mut failed = 0u64;
    for seq in 0..count {
        // Pace against the schedule, not the previous packet, so the average rate holds; sleep only when ahead.
        let due = Duration::from_nanos(seq * 1_000_000_000 / rate);
        let now = start.elapsed();
        if due > now + Duration::from_micros(200) {
            std::thread::sleep(due - now);
        }
        let ns = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64;
        buf[0..8].copy_from_slice(&seq.to_be_bytes());
        buf[8..16].copy_from_slice(&ns.to_be_bytes());
        if sock.send(&buf).is_err() {
            failed += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{{\"sent\":{},\"failed\":{},\"seconds\":{:.3},\"rate\":{:.0}}}", count - failed, failed, secs, count as f64 / secs);
}
