//! Filling one batch from a packet source, independent of libpcap so the rules can be unit-tested:
//! the packet kept from the last batch goes first, end-of-file and errors are reported only once every packet
//! read before them has been delivered, and nothing is ever dropped.

use crate::record::{Meta, Pending, Writer};

/// What a source yields next (mirrors `pcap_next_ex(3PCAP)`'s 1, 0, `PCAP_ERROR_BREAK`, `PCAP_ERROR`).
pub enum Next<'a> {
    Packet(Meta, &'a [u8]),
    /// Live capture with nothing buffered right now.
    Idle,
    Eof,
    Error(String),
}

pub trait Source {
    /// The returned bytes are valid until the next call.
    fn next_packet(&mut self) -> Next<'_>;
}

/// Result of one `np_read_batch` call, before it is turned into its return code.
#[derive(Debug, PartialEq, Eq)]
pub enum Batch {
    /// `n` records written; 0 means the wait timed out.
    Records(u32),
    Eof,
    Error(String),
    /// The next packet needs a record of this many bytes, more than the whole buffer; it stays pending.
    TooSmall(usize),
}

/// Per-handle reader state that outlives a batch.
#[derive(Default)]
pub struct BatchState {
    pending: Pending,
    eof: bool,
    deferred_error: Option<String>,
}

impl BatchState {
    /// Fills `w` with the pending packet, then from `src` until the buffer is full or the source stops.
    /// Returns `None` when nothing at all was available (live only): the caller may wait and call again.
    pub fn fill<S: Source>(&mut self, src: &mut S, w: &mut Writer<'_>) -> Option<Batch> {
        if !self.pending.flush_into(w) {
            return Some(Batch::TooSmall(self.pending.record_len())); // `w` is still empty here
        }
        if self.deferred_error.is_some() || self.eof {
            if w.count() > 0 {
                return Some(records(w));
            }
            return Some(match self.deferred_error.take() {
                Some(e) => Batch::Error(e),
                None => Batch::Eof,
            });
        }
        loop {
            match src.next_packet() {
                Next::Packet(meta, data) => {
                    if !w.push(meta, data) {
                        self.pending.keep(meta, data);
                        return Some(if w.count() == 0 {
                            Batch::TooSmall(self.pending.record_len())
                        } else {
                            records(w)
                        });
                    }
                }
                Next::Idle => return if w.count() == 0 { None } else { Some(records(w)) },
                Next::Eof => {
                    self.eof = true;
                    return Some(if w.count() == 0 { Batch::Eof } else { records(w) });
                }
                Next::Error(e) if w.count() == 0 => return Some(Batch::Error(e)),
                Next::Error(e) => {
                    self.deferred_error = Some(e);
                    return Some(records(w));
                }
            }
        }
    }
}

fn records(w: &Writer<'_>) -> Batch {
    Batch::Records(w.count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::record_len;
    use std::collections::VecDeque;

    enum Item {
        Packet(usize),
        Idle,
        Error(&'static str),
    }

    /// Yields packets of the given sizes whose first byte is their index, then `Eof` forever.
    struct Fake {
        items: VecDeque<Item>,
        next_index: u8,
        data: Vec<u8>,
    }

    fn fake(items: Vec<Item>) -> Fake {
        Fake { items: items.into(), next_index: 0, data: Vec::new() }
    }

    impl Source for Fake {
        fn next_packet(&mut self) -> Next<'_> {
            match self.items.pop_front() {
                Some(Item::Packet(len)) => {
                    self.data = vec![self.next_index; len];
                    self.next_index += 1;
                    Next::Packet(Meta { ts_sec: 1, ts_nsec: 0, origlen: len as u32 }, &self.data)
                }
                Some(Item::Idle) => Next::Idle,
                Some(Item::Error(e)) => Next::Error(e.to_string()),
                None => Next::Eof,
            }
        }
    }

    /// Runs one batch and returns its result plus the first data byte of each record (the packet index).
    fn batch(state: &mut BatchState, src: &mut Fake, cap: usize) -> (Option<Batch>, Vec<u8>) {
        let mut buf = vec![0_u8; cap];
        let mut w = Writer::new(&mut buf);
        let got = state.fill(src, &mut w);
        let (used, count) = (w.used(), w.count());
        let mut indexes = Vec::new();
        let mut off = 0;
        while off < used {
            let caplen = u32::from_le_bytes([buf[off + 8], buf[off + 9], buf[off + 10], buf[off + 11]]) as usize;
            indexes.push(if caplen > 0 { buf[off + 16] } else { 255 });
            off += record_len(caplen);
        }
        assert_eq!(indexes.len(), count as usize);
        (got, indexes)
    }

    #[test]
    fn delivers_every_packet_through_a_tiny_buffer_then_eof() {
        let mut src = fake((0..10).map(|i| Item::Packet(10 + i)).collect());
        let mut state = BatchState::default();
        let mut seen = Vec::new();
        loop {
            match batch(&mut state, &mut src, 64) {
                (Some(Batch::Records(n)), idx) => {
                    assert!(n >= 1);
                    seen.extend(idx);
                }
                (Some(Batch::Eof), idx) => {
                    assert!(idx.is_empty());
                    break;
                }
                other => panic!("unexpected {:?}", other.0),
            }
        }
        assert_eq!(seen, (0..10).collect::<Vec<u8>>());
        assert_eq!(batch(&mut state, &mut src, 64).0, Some(Batch::Eof), "eof is sticky");
    }

    #[test]
    fn eof_comes_after_the_last_records() {
        let mut src = fake(vec![Item::Packet(4), Item::Packet(4)]);
        let mut state = BatchState::default();
        assert_eq!(batch(&mut state, &mut src, 1024), (Some(Batch::Records(2)), vec![0, 1]));
        assert_eq!(batch(&mut state, &mut src, 1024).0, Some(Batch::Eof));
    }

    #[test]
    fn a_packet_larger_than_the_buffer_is_kept_until_a_larger_buffer_comes() {
        let mut src = fake(vec![Item::Packet(4), Item::Packet(100), Item::Packet(4)]);
        let mut state = BatchState::default();
        assert_eq!(batch(&mut state, &mut src, 64), (Some(Batch::Records(1)), vec![0]));
        assert_eq!(batch(&mut state, &mut src, 64).0, Some(Batch::TooSmall(116)));
        assert_eq!(batch(&mut state, &mut src, 64).0, Some(Batch::TooSmall(116)), "still kept");
        assert_eq!(batch(&mut state, &mut src, 116), (Some(Batch::Records(1)), vec![1]));
        assert_eq!(batch(&mut state, &mut src, 64), (Some(Batch::Records(1)), vec![2]));
    }

    #[test]
    fn an_empty_buffer_reports_too_small_for_the_first_packet() {
        let mut src = fake(vec![Item::Packet(0)]);
        let mut state = BatchState::default();
        assert_eq!(batch(&mut state, &mut src, 0).0, Some(Batch::TooSmall(16)));
        assert_eq!(batch(&mut state, &mut src, 16), (Some(Batch::Records(1)), vec![255]));
    }

    #[test]
    fn idle_with_nothing_read_asks_the_caller_to_wait() {
        let mut src = fake(vec![Item::Idle, Item::Packet(4), Item::Idle, Item::Idle]);
        let mut state = BatchState::default();
        assert_eq!(batch(&mut state, &mut src, 64).0, None);
        assert_eq!(batch(&mut state, &mut src, 64), (Some(Batch::Records(1)), vec![0]));
        assert_eq!(batch(&mut state, &mut src, 64).0, None);
    }

    #[test]
    fn an_error_after_records_is_reported_by_the_next_call() {
        let mut src = fake(vec![Item::Packet(4), Item::Error("truncated dump file"), Item::Packet(4)]);
        let mut state = BatchState::default();
        assert_eq!(batch(&mut state, &mut src, 1024), (Some(Batch::Records(1)), vec![0]));
        assert_eq!(batch(&mut state, &mut src, 1024).0, Some(Batch::Error("truncated dump file".into())));
        assert_eq!(batch(&mut state, &mut src, 1024), (Some(Batch::Records(1)), vec![1]), "reading may go on");
    }

    #[test]
    fn an_error_with_a_pending_packet_waits_for_that_packet() {
        let mut src = fake(vec![Item::Packet(40), Item::Packet(40), Item::Error("boom")]);
        let mut state = BatchState::default();
        assert_eq!(batch(&mut state, &mut src, 64), (Some(Batch::Records(1)), vec![0]));
        assert_eq!(batch(&mut state, &mut src, 64), (Some(Batch::Records(1)), vec![1]));
        assert_eq!(batch(&mut state, &mut src, 64).0, Some(Batch::Error("boom".into())));
    }
}
