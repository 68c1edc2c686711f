//! The position of each indicator by its id, without a second copy of
//! the ids: a table of positions hashed by id, each compared with the id
//! it stands for. At a million indicators this is 10 MB where a map of
//! owned ids was 100 MB.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// Positions by id; the ids themselves are kept elsewhere (the plan's
/// indicators) and looked up through `id_of`.
#[derive(Debug, Clone, Default)]
pub struct IdIndex {
    table: HashTable<u32>,
}

/// The hash an id is indexed by: made where the id is read, it spares
/// the index a trip through memory to the id for each one.
pub fn hash(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

/// The rehashing a table needs when it grows: the hash of the id at each
/// position.
fn rehash<'a>(id_of: impl Fn(u32) -> Option<&'a str>) -> impl Fn(&u32) -> u64 {
    move |&at| id_of(at).map_or(0, hash)
}

impl IdIndex {
    /// Room for `n` ids.
    pub fn with_capacity(n: usize) -> Self {
        IdIndex {
            table: HashTable::with_capacity(n),
        }
    }

    /// The `count` ids `id_of` gives, each at its place.
    pub fn of<'a>(count: usize, id_of: impl Fn(u32) -> Option<&'a str> + Copy) -> Self {
        let mut index = IdIndex::with_capacity(count);
        for at in (0u32..).take(count) {
            if let Some(id) = id_of(at) {
                let _ = index.insert(id, at, id_of);
            }
        }
        index
    }

    /// The position of `id`, where `id_of` gives the id at a position.
    pub fn get<'a>(&self, id: &str, id_of: impl Fn(u32) -> Option<&'a str>) -> Option<usize> {
        self.table
            .find(hash(id), |&at| id_of(at) == Some(id))
            .map(|&at| at as usize)
    }

    /// Puts `id` at position `at`, unless it is there already: then the
    /// position it has.
    pub fn insert<'a>(
        &mut self,
        id: &str,
        at: u32,
        id_of: impl Fn(u32) -> Option<&'a str> + Copy,
    ) -> Result<(), u32> {
        self.insert_hashed(hash(id), id, at, id_of)
    }

    /// [`IdIndex::insert`] of an id whose [`hash`] is `hash`.
    pub fn insert_hashed<'a>(
        &mut self,
        hash: u64,
        id: &str,
        at: u32,
        id_of: impl Fn(u32) -> Option<&'a str> + Copy,
    ) -> Result<(), u32> {
        let entry = self
            .table
            .entry(hash, |&k| id_of(k) == Some(id), rehash(id_of));
        match entry {
            hashbrown::hash_table::Entry::Occupied(seen) => Err(*seen.get()),
            hashbrown::hash_table::Entry::Vacant(slot) => {
                slot.insert(at);
                Ok(())
            }
        }
    }

    /// The positions held, in no order.
    pub fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        self.table.iter().map(|&at| at as usize)
    }
}

/// An index follows from the ids it indexes: plans are equal when their
/// indicators are.
impl PartialEq for IdIndex {
    fn eq(&self, _: &IdIndex) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_at_their_places_and_taken_once() {
        let ids = ["gdp", "rd_intensity", "x1", "x10"];
        let id_of = |k: u32| ids.get(k as usize).copied();
        let mut index = IdIndex::default();
        for (at, id) in (0u32..).zip(ids) {
            assert_eq!(index.insert(id, at, id_of), Ok(()));
        }
        assert_eq!(index.insert("x1", 9, id_of), Err(2));
        assert_eq!(index.get("x10", id_of), Some(3));
        assert_eq!(index.get("x100", id_of), None);
        let built = IdIndex::of(ids.len(), id_of);
        assert_eq!(built.get("rd_intensity", id_of), Some(1));
        let mut all: Vec<usize> = built.positions().collect();
        all.sort_unstable();
        assert_eq!(all, [0, 1, 2, 3]);
    }
}
