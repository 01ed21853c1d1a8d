//! Reading a collection a level at a time, so that the untyped JSON of the whole file is never
//! built: it is ten times the file's size, more than all the rest of generation holds at once.
//!
//! [`validate`] first checks the whole text as serde_json's own parse would (syntax, and its
//! limit of 128 nested levels, which keeps deep input from overflowing a stack later), building
//! nothing. Then each object of the item tree is split into its fields' texts ([`RawObject`]): a
//! collection's or folder's own fields are repaired and read on their own (their `item` list
//! skipped, see `de::without_items`), and each of its items is read the same way, one at a time.
//! A request item is small and is read whole: repaired as untyped JSON, then typed. Where
//! nothing was repaired, the typed parse reads the file's own text, so an error gives the line
//! and column in the file as well as the JSON path.

use std::path::Path;

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::repair::{self, Repairs};
use super::{Collection, Item, Response, de as fields};
use crate::error::{Error, Kind, Problem};
use crate::util;

/// Checks that `text` is one JSON value nested at most 128 levels deep, with the errors
/// serde_json's parse into a tree gives, without building anything.
pub(super) fn validate(text: &str) -> Result<(), serde_json::Error> {
    serde_json::from_str::<Skip>(text).map(drop)
}

/// Any JSON value, read and dropped. Unlike serde's `IgnoredAny` (which serde_json skips without
/// counting levels) it descends through `deserialize_any`, where the nesting limit is kept.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Skip)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = Skip;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_unit<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}

/// A JSON object's entries in order, each value as its text in the file.
pub(super) struct RawObject<'a>(Vec<(String, &'a RawValue)>);

impl<'a> RawObject<'a> {
    /// `raw` split into its entries, or `None` when it is not an object.
    pub(super) fn of(raw: &'a RawValue) -> Option<RawObject<'a>> {
        if !raw.get().starts_with('{') {
            return None;
        }
        serde_json::from_str(raw.get()).ok()
    }

    /// The value of `key`; the last one when the key is repeated, as a JSON tree would keep.
    pub(super) fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    pub(super) fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The entries but those named in `except`, as untyped JSON.
    fn tree_without(&self, except: &[&str]) -> Map<String, Value> {
        let mut map = Map::new();
        for (key, raw) in self.0.iter().filter(|(k, _)| !except.contains(&k.as_str())) {
            // Valid JSON: the whole text was validated.
            let value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
            map.insert(key.clone(), value);
        }
        map
    }
}

impl<'de> Deserialize<'de> for RawObject<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = RawObject<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    entries.push(entry);
                }
                Ok(RawObject(entries))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// What a typed parse reads: the file's own text (a part of it), or a repaired tree.
pub(super) enum Source<'a> {
    Text(&'a str),
    Tree(Value),
}

/// Reads a collection's items a level at a time, collecting the repairs' warnings.
pub(super) struct Reader<'a> {
    file: &'a Path,
    /// The whole file, which every [`Source::Text`] is a part of.
    text: &'a str,
    pub(super) warnings: Vec<Problem>,
    /// Whether an item that cannot be read stops the whole read, rather than being left out.
    strict: bool,
    /// Whether this reader reads one item of a list read on several threads.
    apart: bool,
}

/// A list of items whose text is this long is read on every core (see
/// [`Reader::items_apart`]); a smaller one is not worth the threads (the fuzzer reads millions
/// of small collections).
const READ_APART: usize = 1 << 20;

impl<'a> Reader<'a> {
    pub(super) fn new(file: &'a Path, text: &'a str, strict: bool) -> Reader<'a> {
        Reader {
            file,
            text,
            warnings: Vec::new(),
            strict,
            apart: false,
        }
    }

    /// The collection `raw` at JSON location `at` (`""` or `collection`), already split into
    /// `object` (`None` when it is not an object) by the caller, who looked at its keys.
    pub(super) fn collection(
        &mut self,
        raw: &'a RawValue,
        object: Option<RawObject<'a>>,
        at: &str,
    ) -> Result<Collection, Error> {
        let Some(object) = object else {
            return self.typed(Source::Text(raw.get()), at);
        };
        let mut own = object.tree_without(&["item", "items"]);
        let mut head = Repairs::default();
        head.collection_head(&mut own, at);
        let mut tail = Repairs::default();
        tail.collection_tail(&mut own, at);
        let repaired = !head.warnings.is_empty() || !tail.warnings.is_empty();
        self.warnings.append(&mut head.warnings);
        let mut collection: Collection = self.own(raw, own, repaired, at)?;
        collection.item = self.items(&object, at)?;
        self.warnings.append(&mut tail.warnings);
        Ok(collection)
    }

    /// The item `raw` at JSON location `at`: a folder a level at a time, a request whole.
    pub(super) fn item(&mut self, raw: &'a RawValue, at: &str) -> Result<Item, Error> {
        let object = RawObject::of(raw);
        let Some(object) = object.filter(|o| o.contains("item") || o.contains("items")) else {
            return self.request(raw, at);
        };
        let mut own = object.tree_without(&["item", "items"]);
        let mut head = Repairs::default();
        head.item_head(&mut own, at);
        let repaired = !head.warnings.is_empty();
        self.warnings.append(&mut head.warnings);
        let mut item: Item = self.own(raw, own, repaired, at)?;
        item.item = Some(self.items(&object, at)?);
        Ok(item)
    }

    /// [`item`](Reader::item), or, when it cannot be read and reading is not strict, its
    /// stand-in: one bad request never costs the rest of the collection.
    fn item_or_left_out(&mut self, raw: &'a RawValue, at: &str) -> Result<Item, Error> {
        let item = self.item(raw, at);
        self.or_left_out(item)
    }

    /// `item`, or its stand-in with the problems that stopped it as warnings.
    fn or_left_out(&mut self, item: Result<Item, Error>) -> Result<Item, Error> {
        match item {
            Err(Error::Input { problems, .. }) if !self.strict => {
                for problem in problems {
                    let message = format!("{}; the item is left out", problem.message);
                    self.warnings
                        .push(Problem::new(Kind::LeftOut, problem.location, message));
                }
                Ok(Item::left_out())
            }
            item => item,
        }
    }

    /// An item without `item` (a request, or not an object at all), read whole.
    fn request(&mut self, raw: &'a RawValue, at: &str) -> Result<Item, Error> {
        let mut tree: Value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
        let warnings = repair::item(&mut tree, at);
        let repaired = !warnings.is_empty();
        self.warnings.extend(warnings);
        let first = if repaired {
            self.typed(Source::Tree(tree.clone()), at)
        } else {
            self.typed(Source::Text(raw.get()), at)
        };
        match first {
            Err(error) if !self.strict => self.without_bad_examples(tree, at, error),
            item => item,
        }
    }

    /// The request `tree` (at `at`) read again without the saved examples that stopped its
    /// reading (`error` names the first), each left out with a warning: an example that does
    /// not parse costs only itself. Any other error is returned.
    fn without_bad_examples(
        &mut self,
        mut tree: Value,
        at: &str,
        error: Error,
    ) -> Result<Item, Error> {
        let prefix = format!(
            "{}response[",
            if at.is_empty() {
                String::new()
            } else {
                format!("{at}.")
            }
        );
        // Original indices of the examples left out so far, ascending.
        let mut left_out: Vec<usize> = Vec::new();
        let mut error = error;
        loop {
            let Error::Input { problems, .. } = &error else {
                return Err(error);
            };
            let Some((index, location, message)) = problems.first().and_then(|p| {
                let rest = p.location.strip_prefix(&prefix)?;
                let (index, after) = rest.split_once(']')?;
                Some((
                    index.parse::<usize>().ok()?,
                    after.to_string(),
                    p.message.clone(),
                ))
            }) else {
                return Err(error);
            };
            let Some(examples) = tree.get_mut("response").and_then(Value::as_array_mut) else {
                return Err(error);
            };
            if index >= examples.len() {
                return Err(error);
            }
            examples.remove(index);
            // The index among those still in the tree, made the file's.
            let original = (0..)
                .filter(|i| !left_out.contains(i))
                .nth(index)
                .unwrap_or(index);
            left_out.push(original);
            left_out.sort_unstable();
            let message = format!("{message}; the example is left out");
            self.warnings.push(Problem::new(
                Kind::LeftOut,
                format!("{prefix}{original}]{location}"),
                message,
            ));
            match self.typed::<Item>(Source::Tree(tree.clone()), at) {
                Ok(mut item) => {
                    for index in left_out {
                        let stand_in = Response {
                            left_out: true,
                            ..Response::default()
                        };
                        item.response
                            .insert(index.min(item.response.len()), stand_in);
                    }
                    return Ok(item);
                }
                Err(next) => error = next,
            }
        }
    }

    /// A collection's or folder's own fields, its `item` list skipped: from the file's text when
    /// nothing was repaired at this level, else from the repaired `own`.
    fn own<T: DeserializeOwned>(
        &self,
        raw: &'a RawValue,
        own: Map<String, Value>,
        repaired: bool,
        at: &str,
    ) -> Result<T, Error> {
        let source = if repaired {
            Source::Tree(Value::Object(own))
        } else {
            Source::Text(raw.get())
        };
        fields::without_items(|| self.typed(source, at))
    }

    /// The items of `object` (at `at`), each read on its own: `item`, or `items` when there is
    /// no `item`; `null`, `""` or a lone object where the list belongs, repaired.
    fn items(&mut self, object: &RawObject<'a>, at: &str) -> Result<Vec<Item>, Error> {
        let raw = match (object.get("item"), object.get("items")) {
            (Some(raw), _) => raw,
            (None, Some(raw)) => {
                let mut renamed = Repairs::default();
                renamed.renamed_items(at);
                self.warnings.append(&mut renamed.warnings);
                raw
            }
            (None, None) => return Ok(Vec::new()),
        };
        let list_at = util::at(at, "item");
        if let Ok(list) = serde_json::from_str::<Vec<&'a RawValue>>(raw.get()) {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
            if raw.get().len() >= READ_APART && list.len() >= 4 * threads && !self.apart {
                return self.items_apart(list, &list_at, threads);
            }
            return list
                .into_iter()
                .enumerate()
                .map(|(i, item)| self.item_or_left_out(item, &format!("{list_at}[{i}]")))
                .collect();
        }
        // Not a list: repaired into one if it can be, else a type error at its location.
        let mut holder = Map::new();
        let value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
        holder.insert("item".to_string(), value);
        let mut repairs = Repairs::default();
        repairs.array(&mut holder, "item", at);
        self.warnings.append(&mut repairs.warnings);
        match holder.remove("item") {
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, mut tree)| {
                    let at = format!("{list_at}[{i}]");
                    self.warnings.extend(repair::item(&mut tree, &at));
                    let item = self.typed(Source::Tree(tree), &at);
                    self.or_left_out(item)
                })
                .collect(),
            _ => self.typed(Source::Text(raw.get()), &list_at),
        }
    }

    /// The items of `list` (at `list_at`) read on `threads` threads, each by a reader of its
    /// own whose warnings are then taken in item order: the same items and warnings as one
    /// reader gives. Only the outermost list long enough to share out is read so (a list of a
    /// few large folders is read in order, and each folder's list is shared out); the items'
    /// own lists are read by the thread that reads the item.
    fn items_apart(
        &mut self,
        list: Vec<&'a RawValue>,
        list_at: &str,
        threads: usize,
    ) -> Result<Vec<Item>, Error> {
        let read = crate::threads::each(
            list.into_iter().enumerate().collect(),
            threads,
            |(i, raw)| {
                let mut reader = Reader {
                    warnings: Vec::new(),
                    apart: true,
                    ..*self
                };
                let item = reader.item_or_left_out(raw, &format!("{list_at}[{i}]"))?;
                Ok((item, reader.warnings))
            },
        )?;
        Ok(read
            .into_iter()
            .map(|(item, mut warnings)| {
                self.warnings.append(&mut warnings);
                item
            })
            .collect())
    }

    /// Deserializes `source` (the JSON at location `at`) as `T`; a failure names the location,
    /// and for the file's own text the line and column in the file.
    pub(super) fn typed<T: DeserializeOwned>(
        &self,
        source: Source<'_>,
        at: &str,
    ) -> Result<T, Error> {
        let (result, part) = match source {
            Source::Text(part) => (
                serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(part)),
                Some(part),
            ),
            Source::Tree(tree) => (serde_path_to_error::deserialize(tree), None),
        };
        result.map_err(|e| {
            let inner_path = e.path().to_string();
            let location = match (at, inner_path.as_str()) {
                (at, ".") => at.to_string(),
                ("", inner) => inner.to_string(),
                // A path inside a list starts with its index: `[2].name`.
                (at, inner) if inner.starts_with('[') => format!("{at}{inner}"),
                (at, inner) => format!("{at}.{inner}"),
            };
            let inner = e.into_inner();
            let message = match part {
                Some(part) => self.in_file(part, &inner),
                None => inner.to_string(),
            };
            Error::Input {
                file: self.file.to_path_buf(),
                problems: vec![Problem::new(Kind::Error, location, message)],
            }
        })
    }

    /// `error`'s message, its line and column (counted in `part`) made the file's.
    fn in_file(&self, part: &str, error: &serde_json::Error) -> String {
        let message = error.to_string();
        let suffix = format!(" at line {} column {}", error.line(), error.column());
        let Some(text) = message.strip_suffix(&suffix).filter(|_| error.line() > 0) else {
            return message;
        };
        // `part` lies inside the file's text: its offset gives the line and column it starts at.
        let offset = (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let before = self.text.get(..offset).unwrap_or_default();
        let line = before.matches('\n').count() + error.line();
        let column = if error.line() == 1 {
            offset - before.rfind('\n').map_or(0, |i| i + 1) + error.column()
        } else {
            error.column()
        };
        format!("{text} at line {line} column {column}")
    }
}
