//! Deserializing fields that hold either a string or a structure, and item lists that a reader
//! of one level at a time skips.
//!
//! `#[serde(untagged)]` would do, but it buffers the value and, when the structure has an error
//! deep inside, reports only "did not match any variant" at the outer field. This visitor hands
//! the structure straight to its own `Deserialize`, so the error keeps its JSON path
//! (`item[1].request.url.query[0].key`) and its line and column.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A field's value: a string, or the structure `T` (a JSON object or array).
pub enum StringOr<T> {
    String(String),
    Structure(T),
}

impl<'de, T: Deserialize<'de>> StringOr<T> {
    /// Deserializes a string or a `T`; `expecting` says both, e.g. "a URL string or a URL object".
    pub fn deserialize<D: Deserializer<'de>>(
        deserializer: D,
        expecting: &'static str,
    ) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StringOrVisitor {
            expecting,
            marker: PhantomData,
        })
    }
}

struct StringOrVisitor<T> {
    expecting: &'static str,
    marker: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for StringOrVisitor<T> {
    type Value = StringOr<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(StringOr::String(value.to_string()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(StringOr::String(value))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(StringOr::Structure)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::deserialize(SeqAccessDeserializer::new(seq)).map(StringOr::Structure)
    }
}

/// Implements `Deserialize` for an enum of a string variant and a structure variant.
macro_rules! string_or {
    ($ty:ident, $string:ident, $structure:ident($inner:ty), $expecting:literal) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok(
                    match $crate::collection::de::StringOr::<$inner>::deserialize(
                        deserializer,
                        $expecting,
                    )? {
                        $crate::collection::de::StringOr::String(s) => $ty::$string(s),
                        $crate::collection::de::StringOr::Structure(t) => $ty::$structure(t.into()),
                    },
                )
            }
        }
    };
}

pub(crate) use string_or;

thread_local! {
    /// Whether the `item` list of the object being read is skipped ([`without_items`]).
    static SKIP_ITEMS: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read` with the `item` list of the collection or folder it reads skipped (read as
/// empty, without building anything): `levels.rs` reads a folder's own fields this way, with
/// their line and column in errors, and then each of its items on its own.
pub(super) fn without_items<T>(read: impl FnOnce() -> T) -> T {
    /// Clears the flag however `read` ends: a panic caught above must not leave later reads on
    /// this thread skipping items.
    struct Clear;
    impl Drop for Clear {
        fn drop(&mut self) {
            SKIP_ITEMS.set(false);
        }
    }
    SKIP_ITEMS.set(true);
    let _clear = Clear;
    read()
}

/// The `item` list of a collection or folder, or its default inside [`without_items`]. Only the
/// object being read has its list skipped: the items below it are never reached.
pub(super) fn items<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    deserializer: D,
) -> Result<T, D::Error> {
    if SKIP_ITEMS.get() {
        IgnoredAny::deserialize(deserializer)?;
        return Ok(T::default());
    }
    T::deserialize(deserializer)
}
