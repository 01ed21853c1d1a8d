// Postman's dynamic variables (`{{$guid}}`, `{{$timestamp}}`, ...), made when a request is sent.
//
// Included into the runtime crate of every generated client, or its `runtime` module (and this
// crate's, in `lib.rs`): items only, without `//!` docs or inner attributes; comments like this one
// are dropped. Not formatted by rustfmt, which would change the code postgen writes.
//
// Postman's runner makes a fresh value for each use of one of these names that no variable
// defines (postman-collection's `dynamic-variables.js`: uuid, `Date`, and faker for the
// `$random...` names). The formats follow it; the random words come from short lists here
// rather than faker's locale data, which a client would otherwise compile in. postgen keeps the
// same list of names (`src/text/vars.rs`, tested to agree with this one).

/// The dynamic variables a client makes values for, as Postman's runner does when a request
/// uses one that no variable defines.
pub const DYNAMIC_VARIABLES: &[&str] = &[
    "$guid",
    "$timestamp",
    "$isoTimestamp",
    "$randomUUID",
    "$randomAlphaNumeric",
    "$randomBoolean",
    "$randomInt",
    "$randomColor",
    "$randomHexColor",
    "$randomIP",
    "$randomIPV6",
    "$randomMACAddress",
    "$randomPassword",
    "$randomSemver",
    "$randomFirstName",
    "$randomLastName",
    "$randomFullName",
    "$randomUserName",
    "$randomEmail",
    "$randomExampleEmail",
    "$randomDomainWord",
    "$randomDomainSuffix",
    "$randomDomainName",
    "$randomUrl",
    "$randomPhoneNumber",
    "$randomWord",
    "$randomWords",
    "$randomLoremWord",
    "$randomLoremWords",
    "$randomLoremSentence",
    "$randomLoremSentences",
    "$randomLoremParagraph",
    "$randomLoremSlug",
];

const FIRST_NAMES: &[&str] = &["Ada", "Grace", "Alan", "Linus", "Barbara", "Edsger", "Margaret", "Dennis", "Frances", "Ken"];
const LAST_NAMES: &[&str] = &["Lovelace", "Hopper", "Turing", "Torvalds", "Liskov", "Dijkstra", "Hamilton", "Ritchie", "Allen", "Thompson"];
const LOREM: &[&str] = &[
    "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod", "tempor",
    "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim", "ad", "minim", "veniam", "quis",
    "nostrud", "exercitation", "ullamco", "laboris", "nisi", "aliquip",
];
const COLORS: &[&str] = &["red", "green", "blue", "cyan", "magenta", "yellow", "black", "white", "orange", "purple"];
const DOMAIN_SUFFIXES: &[&str] = &["com", "net", "org", "info", "biz"];

/// A fresh value of the dynamic variable `name` (`$guid`, `$timestamp`, ... from
/// [`DYNAMIC_VARIABLES`]), made as Postman's runner makes one for each use; `None` for any
/// other name.
pub fn dynamic(name: &str) -> ::std::option::Option<::std::string::String> {
    let pick = |list: &[&str]| list[::fastrand::usize(..list.len())].to_string();
    let words = |count: usize| (0..count).map(|_| pick(LOREM)).collect::<::std::vec::Vec<_>>();
    let sentence = || {
        let mut text = words(::fastrand::usize(3..=10)).join(" ");
        text[..1].make_ascii_uppercase();
        text + "."
    };
    let sentences = |count: usize| (0..count).map(|_| sentence()).collect::<::std::vec::Vec<_>>().join(" ");
    let hex = |bytes: usize, separator: &str| (0..bytes).map(|_| format!("{:02x}", ::fastrand::u8(..))).collect::<::std::vec::Vec<_>>().join(separator);
    let alphanumeric = |count: usize| (0..count).map(|_| ::fastrand::alphanumeric()).collect::<::std::string::String>();
    let now = ::std::time::SystemTime::now().duration_since(::std::time::UNIX_EPOCH).unwrap_or_default();
    Some(match name {
        "$guid" | "$randomUUID" => {
            let (a, b) = (::fastrand::u64(..), ::fastrand::u64(..));
            format!(
                "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
                a >> 32,
                (a >> 16) & 0xffff,
                a & 0x0fff,
                0x8000 | (b >> 48) & 0x3fff,
                b & 0xffff_ffff_ffff
            )
        }
        "$timestamp" => now.as_secs().to_string(),
        "$isoTimestamp" => iso_timestamp(now),
        "$randomAlphaNumeric" => ::fastrand::alphanumeric().to_ascii_lowercase().to_string(),
        "$randomBoolean" => ::fastrand::bool().to_string(),
        "$randomInt" => ::fastrand::u32(0..=1000).to_string(),
        "$randomColor" => pick(COLORS),
        "$randomHexColor" => format!("#{}", hex(3, "")),
        "$randomIP" => (0..4).map(|_| ::fastrand::u8(..).to_string()).collect::<::std::vec::Vec<_>>().join("."),
        "$randomIPV6" => (0..8).map(|_| format!("{:x}", ::fastrand::u16(..))).collect::<::std::vec::Vec<_>>().join(":"),
        "$randomMACAddress" => hex(6, ":"),
        "$randomPassword" => alphanumeric(15),
        "$randomSemver" => format!("{}.{}.{}", ::fastrand::u8(..10), ::fastrand::u8(..10), ::fastrand::u8(..10)),
        "$randomFirstName" => pick(FIRST_NAMES),
        "$randomLastName" => pick(LAST_NAMES),
        "$randomFullName" => format!("{} {}", pick(FIRST_NAMES), pick(LAST_NAMES)),
        "$randomUserName" => format!("{}.{}{}", pick(FIRST_NAMES), pick(LAST_NAMES), ::fastrand::u8(..100)),
        "$randomEmail" => format!("{}.{}@example.com", pick(FIRST_NAMES), pick(LAST_NAMES)),
        "$randomExampleEmail" => format!("{}.{}@example.org", pick(FIRST_NAMES), pick(LAST_NAMES)),
        "$randomDomainWord" => pick(LOREM),
        "$randomDomainSuffix" => pick(DOMAIN_SUFFIXES),
        "$randomDomainName" => format!("{}.{}", pick(LOREM), pick(DOMAIN_SUFFIXES)),
        "$randomUrl" => format!("https://{}.{}", pick(LOREM), pick(DOMAIN_SUFFIXES)),
        "$randomPhoneNumber" => format!("{:03}-{:03}-{:04}", ::fastrand::u16(200..1000), ::fastrand::u16(..1000), ::fastrand::u16(..10_000)),
        "$randomWord" | "$randomLoremWord" => pick(LOREM),
        "$randomWords" | "$randomLoremWords" => words(3).join(" "),
        "$randomLoremSentence" => sentence(),
        "$randomLoremSentences" => sentences(::fastrand::usize(2..=6)),
        "$randomLoremParagraph" => sentences(::fastrand::usize(3..=6)),
        "$randomLoremSlug" => words(3).join("-"),
        _ => return None,
    })
}

/// `now` (since 1970) as JavaScript's `Date.toISOString` writes it: `2026-12-06T11:03:39.512Z`.
pub(crate) fn iso_timestamp(now: ::std::time::Duration) -> ::std::string::String {
    let (year, month, day, hour, minute, second) = civil(now);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{:03}Z", now.subsec_millis())
}

/// A civil date and time of `since_epoch`: (year, month, day, hour, minute, second).
pub(crate) fn civil(since_epoch: ::std::time::Duration) -> (i64, i64, i64, u64, u64, u64) {
    // Days since 1970 to a civil date (Howard Hinnant's `civil_from_days`).
    let (days, seconds) = ((since_epoch.as_secs() / 86_400) as i64, since_epoch.as_secs() % 86_400);
    let (year, month, day) = civil_from_days(days);
    (year, month, day, seconds / 3_600, seconds / 60 % 60, seconds % 60)
}

/// The civil date (year, month, day) of a count of days since 1970, before it too.
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}


/// Days since 1970 of a civil date (Howard Hinnant's `days_from_civil`), the inverse of
/// [`civil`].
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = year - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
