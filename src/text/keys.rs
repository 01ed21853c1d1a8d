//! Bracketed keys of query parameters and form fields, as PHP, Rails and Stripe read them:
//! `expand[0]` is an item of a list, `address[city]` a field of an object, and they nest
//! (`line_items[0][price]`).

/// One bracketed part of a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// `[0]`: a position in a list.
    Index(usize),
    /// `[city]`: a field of an object, or an entry of a map.
    Name(String),
}

/// The base and the bracketed segments of `key`, when it is written `base[a][b]...` with at
/// least one segment, each non-empty and free of brackets. `a[]` (a repeated key), `a[b` or
/// `a[b]c` are not.
pub fn parse(key: &str) -> Option<(&str, Vec<Segment>)> {
    let open = key.find('[')?;
    let base = &key[..open];
    if base.is_empty() || base.contains(']') {
        return None;
    }
    let mut rest = &key[open..];
    let mut segments = Vec::new();
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        let close = inner.find(']')?;
        let text = &inner[..close];
        if text.is_empty() || text.contains('[') {
            return None;
        }
        // `01` is a name: an index is written the way a list's position is.
        let index = text.parse::<usize>().ok().filter(|i| i.to_string() == text);
        segments.push(match index {
            Some(index) => Segment::Index(index),
            None => Segment::Name(text.to_string()),
        });
        rest = &inner[close + 1..];
    }
    Some((base, segments))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_split_into_base_and_segments() {
        use Segment::{Index, Name};
        assert_eq!(parse("expand[0]"), Some(("expand", vec![Index(0)])));
        assert_eq!(
            parse("line_items[10][price]"),
            Some(("line_items", vec![Index(10), Name("price".into())]))
        );
        assert_eq!(
            parse("metadata[order id]"),
            Some(("metadata", vec![Name("order id".into())]))
        );
        assert_eq!(parse("a[01]"), Some(("a", vec![Name("01".into())])));
        for flat in [
            "plain", "a[]", "a[b", "a[b]c", "[b]", "a[[b]]", "a]b[c]", "a[b]]",
        ] {
            assert_eq!(parse(flat), None, "{flat}");
        }
    }
}
