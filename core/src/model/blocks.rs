//! Which of many IPv4 blocks overlap a given one, without comparing it with each of them.
//!
//! CIDR blocks nest or are disjoint, so the blocks overlapping `c` are those that contain it (at most one per prefix
//! length: found by looking up `c`'s network at each length present) and those that start inside it (a run of the
//! blocks sorted by start address, answered by a segment tree). Each block carries its place in document order and a
//! key (a resource id); a query answers with the first few overlapping blocks in document order whose keys differ,
//! which is enough to find the first block whose key is not one of two excluded ones.

use super::HashMap;
use crate::net::Ipv4Cidr;

/// How many entries with distinct keys a query keeps: enough to skip two excluded keys.
const KEEP: usize = 3;

/// A block's place in document order, and its key.
pub type Entry<K> = (usize, K);

/// The first entries (in document order) with pairwise different keys, of some set of blocks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Firsts<K: Copy + PartialEq> {
    entries: [Option<Entry<K>>; KEEP],
}

impl<K: Copy + PartialEq> Firsts<K> {
    const EMPTY: Self = Firsts { entries: [None; KEEP] };

    /// The entries, earliest first.
    pub fn iter(&self) -> impl Iterator<Item = Entry<K>> + '_ {
        self.entries.iter().map_while(|e| *e)
    }

    /// The firsts of the union of two sets. The first `KEEP` distinct-keyed entries of a union are among the first
    /// `KEEP` distinct-keyed entries of its parts: an entry preceded in its part by `KEEP` other keys is preceded by
    /// them in the union too.
    fn merge(&self, other: &Self) -> Self {
        let mut all: Vec<Entry<K>> = self.iter().chain(other.iter()).collect();
        all.sort_by_key(|(order, _)| *order);
        let mut out = Self::EMPTY;
        let mut kept = 0;
        for (order, key) in all {
            if kept == KEEP {
                break;
            }
            let seen = out.iter().any(|(o, k)| o == order || k == key);
            if !seen {
                out.entries[kept] = Some((order, key));
                kept += 1;
            }
        }
        out
    }

    fn one(entry: Entry<K>) -> Self {
        let mut out = Self::EMPTY;
        out.entries[0] = Some(entry);
        out
    }
}

/// IPv4 blocks, indexed for "which overlap this block".
pub struct BlockIndex<K: Copy + PartialEq> {
    /// The first address of each block, ascending.
    starts: Vec<u32>,
    /// A segment tree over `starts`: leaf `i` at `leaves + i`.
    tree: Vec<Firsts<K>>,
    leaves: usize,
    /// Blocks by their canonical form (network, prefix length).
    exact: HashMap<(u32, u8), Firsts<K>>,
    /// The prefix lengths present, ascending.
    lengths: Vec<u8>,
}

/// The network of `addr` at `len` bits.
fn truncate(addr: u32, len: u8) -> u32 {
    if len == 0 { 0 } else { addr & (u32::MAX << (32 - u32::from(len.min(32)))) }
}

impl<K: Copy + PartialEq> BlockIndex<K> {
    /// Indexes blocks, each with its place in document order and its key.
    pub fn new(blocks: impl IntoIterator<Item = (Ipv4Cidr, usize, K)>) -> Self {
        let mut sorted: Vec<(u32, Entry<K>)> = Vec::new();
        let mut exact: HashMap<(u32, u8), Firsts<K>> = HashMap::default();
        let mut lengths = Vec::new();
        for (block, order, key) in blocks {
            let start = u32::from(block.network());
            sorted.push((start, (order, key)));
            let slot = exact.entry((start, block.prefix_len())).or_insert(Firsts::EMPTY);
            *slot = slot.merge(&Firsts::one((order, key)));
            lengths.push(block.prefix_len());
        }
        lengths.sort_unstable();
        lengths.dedup();
        sorted.sort_by_key(|(start, (order, _))| (*start, *order));
        let leaves = sorted.len().next_power_of_two();
        let mut tree = vec![Firsts::EMPTY; 2 * leaves];
        for (i, (_, entry)) in sorted.iter().enumerate() {
            tree[leaves + i] = Firsts::one(*entry);
        }
        for i in (1..leaves).rev() {
            tree[i] = tree[2 * i].merge(&tree[2 * i + 1]);
        }
        BlockIndex { starts: sorted.into_iter().map(|(s, _)| s).collect(), tree, leaves, exact, lengths }
    }

    /// The first entries, with distinct keys, of the blocks that overlap `c`.
    pub fn overlapping(&self, c: &Ipv4Cidr) -> Firsts<K> {
        let (start, end) = (u32::from(c.network()), u32::from(c.broadcast()));
        let mut out = Firsts::EMPTY;
        // Blocks that contain `c`.
        for &len in self.lengths.iter().take_while(|l| **l <= c.prefix_len()) {
            if let Some(f) = self.exact.get(&(truncate(start, len), len)) {
                out = out.merge(f);
            }
        }
        // Blocks that start inside `c`.
        let (mut lo, mut hi) = (
            self.starts.partition_point(|s| *s < start) + self.leaves,
            self.starts.partition_point(|s| *s <= end) + self.leaves,
        );
        while lo < hi {
            if lo % 2 == 1 {
                out = out.merge(&self.tree[lo]);
                lo += 1;
            }
            if hi % 2 == 1 {
                hi -= 1;
                out = out.merge(&self.tree[hi]);
            }
            lo /= 2;
            hi /= 2;
        }
        out
    }

    /// The first block (in document order) that overlaps `c` and whose key is none of `except`.
    pub fn first_overlapping_except(&self, c: &Ipv4Cidr, except: [K; 2]) -> Option<usize> {
        self.overlapping(c).iter().find(|(_, k)| !except.contains(k)).map(|(order, _)| order)
    }

    /// The first block (in document order) that overlaps `c`.
    pub fn first_overlapping(&self, c: &Ipv4Cidr) -> Option<usize> {
        self.overlapping(c).iter().next().map(|(order, _)| order)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Ipv4Cidr {
        s.parse().unwrap()
    }

    /// The index agrees with comparing every block, on blocks of many sizes, host bits and repeated keys included.
    #[test]
    fn agrees_with_a_scan() {
        let mut blocks = Vec::new();
        let mut x: u32 = 7;
        for order in 0..300 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let len = 8 + (x >> 8) % 25;
            let addr = (10 << 24) | ((x >> 3) & 0x00ff_ffff);
            let block = Ipv4Cidr::clamped(addr.into(), len as u8);
            blocks.push((block, order, (x >> 20) % 40));
        }
        let index = BlockIndex::new(blocks.iter().copied());
        let mut probes: Vec<Ipv4Cidr> = blocks.iter().map(|b| b.0).collect();
        probes.extend([c("0.0.0.0/0"), c("10.0.0.0/8"), c("192.168.0.0/16"), c("10.1.2.3/32")]);
        for probe in probes {
            for except in [[0, 1], [3, 3], [17, 39]] {
                let scan =
                    blocks.iter().find(|(b, _, k)| b.overlaps(&probe) && !except.contains(k)).map(|(_, o, _)| *o);
                assert_eq!(index.first_overlapping_except(&probe, except), scan, "{probe} {except:?}");
            }
            let scan = blocks.iter().find(|(b, _, _)| b.overlaps(&probe)).map(|(_, o, _)| *o);
            assert_eq!(index.first_overlapping(&probe), scan, "{probe}");
        }
    }

    #[test]
    fn an_empty_index_finds_nothing() {
        let index: BlockIndex<u8> = BlockIndex::new([]);
        assert_eq!(index.first_overlapping(&c("0.0.0.0/0")), None);
    }
}
