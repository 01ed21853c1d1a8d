// Query parameters, form fields and multipart parts: `Params`, `Field`, `File`.
//
// Included into the runtime crate of every generated client, or its `runtime` module (and this
// crate's, in `lib.rs`): items only, without `//!` docs or inner attributes; comments like this one
// are dropped. Not formatted by rustfmt, which would add blocks around closure bodies and so change
// the code postgen writes (prettyplease lays it out in every client).

/// A file sent as a multipart part.
#[derive(Clone, PartialEq, Eq)]
pub struct File {
    bytes: ::std::vec::Vec<u8>,
    file_name: ::std::option::Option<::std::string::String>,
    content_type: ::std::option::Option<::std::string::String>,
}

impl File {
    /// A file with these contents, sent without a file name or content type.
    pub fn new(bytes: impl ::std::convert::Into<::std::vec::Vec<u8>>) -> Self {
        File { bytes: bytes.into(), file_name: None, content_type: None }
    }

    /// Sends `file_name` as the part's file name.
    pub fn with_file_name(mut self, file_name: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Sends `content_type` as the part's `Content-Type`.
    pub fn with_content_type(mut self, content_type: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl fmt::Debug for File {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("File")
            .field("bytes", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

#[derive(Clone)]
enum Entry {
    Text(::std::string::String),
    Flag,
    File(File),
    /// The value of this client variable, known when the request is sent.
    Var(&'static str),
}

/// The name a value is sent under: the collection's key, or one made from it (`items[0][price]`).
pub type Name = ::std::borrow::Cow<'static, str>;

/// `name[sub]`: the key of `sub` inside the value sent under `name`, as Postman writes nested keys.
pub fn key(name: &str, sub: &str) -> Name {
    ::std::borrow::Cow::Owned(format!("{name}[{sub}]"))
}

/// Named values in order: query parameters, form fields or multipart parts.
#[derive(Default, Clone)]
pub struct Fields {
    entries: ::std::vec::Vec<(Name, Entry)>,
    /// Why a value could not be written, when one could not: the request then fails.
    invalid: ::std::option::Option<::std::string::String>,
}

impl Fields {
    /// Adds `value` under `name`; `None` adds nothing, a list adds each item under `name`, a map
    /// each entry under `name[key]`.
    pub fn add<T: Field + ?Sized>(&mut self, name: impl ::std::convert::Into<Name>, value: &T) {
        value.write_to(name.into(), self);
    }

    /// Adds each item of `items` under `name[0]`, `name[1]`, ...: a list the collection sends
    /// with indices.
    pub fn indexed<T: Field>(&mut self, name: impl ::std::convert::Into<Name>, items: &[T]) {
        let name = name.into();
        for (index, item) in items.iter().enumerate() {
            item.write_to(key(&name, &index.to_string()), self);
        }
    }

    /// Adds the bare key `name`, without a value, when `on`.
    pub fn flag(&mut self, name: impl ::std::convert::Into<Name>, on: bool) {
        if on {
            self.entries.push((name.into(), Entry::Flag));
        }
    }

    /// Adds `value` under `name`, or when it is `None` the client variable `var`, which the
    /// collection gives the field (`{{var}}`), as Postman substitutes it.
    pub fn add_or_var<T: Field>(&mut self, name: impl ::std::convert::Into<Name>, value: &::std::option::Option<T>, var: &'static str) {
        match value {
            Some(value) => value.write_to(name.into(), self),
            None => self.entries.push((name.into(), Entry::Var(var))),
        }
    }

    /// Adds a text value.
    pub fn text(&mut self, name: Name, value: ::std::string::String) {
        self.entries.push((name, Entry::Text(value)));
    }
}

/// A struct of query parameters or form fields: any type serde serializes as a struct or a map
/// (the client's params structs derive `Serialize`). Its fields are sent in declaration order,
/// `None` left out, a list as its items under the same key, a nested struct or map as
/// `name[key]`, an enum as its wire value; [`Flag`], [`Indexed`] and [`OrVar`] (or the
/// functions [`flag`] and [`indexed`] in `#[serde(serialize_with)]`) mark the other forms
/// Postman sends.
pub trait Params {
    /// Adds the fields that are set, in declaration order.
    fn write(&self, out: &mut Fields);
}

/// A value of a query parameter or form field, written as [`Params`] writes a field.
pub trait Field {
    /// Adds `self` under `name`.
    fn write_to(&self, name: Name, out: &mut Fields);
}

impl<T: ::serde::Serialize + ?::std::marker::Sized> Params for T {
    fn write(&self, out: &mut Fields) {
        if let Err(error) = self.serialize(Writer { name: None, out: &mut *out, mark: Mark::None }) {
            out.invalid.get_or_insert(error.0);
        }
    }
}

impl<T: ::serde::Serialize + ?::std::marker::Sized> Field for T {
    fn write_to(&self, name: Name, out: &mut Fields) {
        if let Err(error) = self.serialize(Writer { name: Some(name), out: &mut *out, mark: Mark::None }) {
            out.invalid.get_or_insert(error.0);
        }
    }
}

// The forms serde has no word for travel as newtype structs of these names (as serde_json
// marks its `RawValue`); any other serializer sees the plain value inside.
const FLAG: &str = "$postgen::Flag";
const INDEXED: &str = "$postgen::Indexed";
const VAR: &str = "$postgen::Var";
const FILE: &str = "$postgen::File";

/// A flag: its bare key is sent, without a value, when `true`; nothing when `false`.
pub struct Flag(pub bool);

impl ::serde::Serialize for Flag {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(FLAG, &self.0)
    }
}

/// serde's `serialize_with` for a flag field, written as [`Flag`].
pub fn flag<S: ::serde::Serializer>(on: &bool, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
    ::serde::Serialize::serialize(&Flag(*on), serializer)
}

/// A list sent with indices: `name[0]`, `name[1]`, ...
pub struct Indexed<'a, T>(pub &'a [T]);

impl<T: ::serde::Serialize> ::serde::Serialize for Indexed<'_, T> {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(INDEXED, self.0)
    }
}

/// serde's `serialize_with` for a list field sent with indices, written as [`Indexed`].
pub fn indexed<T: ::serde::Serialize, S: ::serde::Serializer>(items: &[T], serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
    ::serde::Serialize::serialize(&Indexed(items), serializer)
}

/// A field the collection fills with a client variable: its value when set, else the value of
/// the variable `.1` when the request is sent, as Postman substitutes `{{name}}`.
pub struct OrVar<'a, T>(pub &'a ::std::option::Option<T>, pub &'static str);

impl<T: ::serde::Serialize> ::serde::Serialize for OrVar<'_, T> {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(VAR, &VarValue(self.0, self.1))
    }
}

struct VarValue<'a, T>(&'a ::std::option::Option<T>, &'static str);

impl<T: ::serde::Serialize> ::serde::Serialize for VarValue<'_, T> {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        match self.0 {
            Some(value) => value.serialize(serializer),
            None => serializer.serialize_unit_struct(self.1),
        }
    }
}

impl ::serde::Serialize for File {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        use ::serde::ser::SerializeStruct as _;
        let mut file = serializer.serialize_struct(FILE, 3)?;
        file.serialize_field("bytes", &Bytes(&self.bytes))?;
        file.serialize_field("file_name", &self.file_name)?;
        file.serialize_field("content_type", &self.content_type)?;
        file.end()
    }
}

struct Bytes<'a>(&'a [u8]);

impl ::serde::Serialize for Bytes<'_> {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// What the value being written was marked as.
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    None,
    Flag,
    Indexed,
    Var,
}

/// Why a value could not be written as fields: a bare value where fields were expected, or an
/// error of the value's own `Serialize`.
#[derive(Debug)]
struct Unwritable(::std::string::String);

impl fmt::Display for Unwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl ::std::error::Error for Unwritable {}

impl ::serde::ser::Error for Unwritable {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Unwritable(message.to_string())
    }
}

/// The serde serializer of fields: writes a value under `name` (the top level has none, so its
/// struct or map keys are the names).
struct Writer<'a> {
    name: ::std::option::Option<Name>,
    out: &'a mut Fields,
    mark: Mark,
}

impl<'a> Writer<'a> {
    fn push(self, entry: Entry) -> ::std::result::Result<(), Unwritable> {
        match self.name {
            Some(name) => {
                self.out.entries.push((name, entry));
                Ok(())
            }
            None => Err(Unwritable("a single value is not a set of fields".to_string())),
        }
    }

    fn text(self, text: ::std::string::String) -> ::std::result::Result<(), Unwritable> {
        self.push(Entry::Text(text))
    }

    fn compound(self, kind: Kind) -> Compound<'a> {
        Compound { name: self.name, out: self.out, kind }
    }
}

/// What a [`Compound`] is writing.
enum Kind {
    /// Items under the same name, or under `name[i]` when indexed.
    Items { indexed: bool, next: usize },
    /// Entries under `name[key]`; the key of the entry being written.
    Map(::std::option::Option<::std::string::String>),
    Struct,
    /// A [`File`]'s own fields, collected apart.
    File(Fields),
}

struct Compound<'a> {
    name: ::std::option::Option<Name>,
    out: &'a mut Fields,
    kind: Kind,
}

impl Compound<'_> {
    fn element<T: ::serde::Serialize + ?::std::marker::Sized>(&mut self, value: &T) -> ::std::result::Result<(), Unwritable> {
        let name = match &mut self.kind {
            Kind::Items { indexed: true, next } => {
                *next += 1;
                Some(child(&self.name, &(*next - 1).to_string()))
            }
            _ => self.name.clone(),
        };
        value.serialize(Writer { name, out: &mut *self.out, mark: Mark::None })
    }

    fn field<T: ::serde::Serialize + ?::std::marker::Sized>(&mut self, sub: &'static str, value: &T) -> ::std::result::Result<(), Unwritable> {
        // A top-level field's name is the struct's own `&'static` key: borrowed, as the
        // hand-written impls passed it, not copied for every field of every request.
        let (name, out) = match (&mut self.kind, &self.name) {
            (Kind::File(parts), _) => (Name::Borrowed(sub), parts),
            (_, None) => (Name::Borrowed(sub), &mut *self.out),
            (_, Some(parent)) => (key(parent, sub), &mut *self.out),
        };
        value.serialize(Writer { name: Some(name), out, mark: Mark::None })
    }

    fn finish(self) -> ::std::result::Result<(), Unwritable> {
        if let Kind::File(parts) = self.kind {
            let mut file = File::new(::std::vec::Vec::new());
            for (name, entry) in parts.entries {
                match (&*name, entry) {
                    ("bytes", Entry::File(bytes)) => file.bytes = bytes.bytes,
                    ("file_name", Entry::Text(text)) => file.file_name = Some(text),
                    ("content_type", Entry::Text(text)) => file.content_type = Some(text),
                    _ => {}
                }
            }
            return Writer { name: self.name, out: self.out, mark: Mark::None }.push(Entry::File(file));
        }
        Ok(())
    }
}
/// The name of `sub` inside the value written under `name`: `name[sub]`, or `sub` at the top.
fn child(name: &::std::option::Option<Name>, sub: &str) -> Name {
    match name {
        Some(name) => key(name, sub),
        None => Name::Owned(sub.to_string()),
    }
}

type Written = ::std::result::Result<(), Unwritable>;

impl<'a> ::serde::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Written {
        match self.mark {
            Mark::Flag if v => self.push(Entry::Flag),
            Mark::Flag => Ok(()),
            _ => self.text(v.to_string()),
        }
    }
    fn serialize_i8(self, v: i8) -> Written {
        self.text(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Written {
        self.text(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Written {
        self.text(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Written {
        self.text(v.to_string())
    }
    fn serialize_i128(self, v: i128) -> Written {
        self.text(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Written {
        self.text(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Written {
        self.text(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Written {
        self.text(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Written {
        self.text(v.to_string())
    }
    fn serialize_u128(self, v: u128) -> Written {
        self.text(v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Written {
        self.text(v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Written {
        self.text(v.to_string())
    }
    fn serialize_char(self, v: char) -> Written {
        self.text(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Written {
        self.text(v.to_string())
    }
    /// Bytes are a file's contents: sent as a part without a file name.
    fn serialize_bytes(self, v: &[u8]) -> Written {
        self.push(Entry::File(File::new(v.to_vec())))
    }
    fn serialize_none(self) -> Written {
        Ok(())
    }
    fn serialize_some<T: ::serde::Serialize + ?::std::marker::Sized>(self, value: &T) -> Written {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Written {
        Ok(())
    }
    /// A unit struct is nothing to send, but for [`OrVar`]'s unset value: the client variable
    /// of that name.
    fn serialize_unit_struct(self, name: &'static str) -> Written {
        match self.mark {
            Mark::Var => self.push(Entry::Var(name)),
            _ => Ok(()),
        }
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Written {
        self.text(variant.to_string())
    }
    fn serialize_newtype_struct<T: ::serde::Serialize + ?::std::marker::Sized>(self, name: &'static str, value: &T) -> Written {
        let mark = match name {
            FLAG => Mark::Flag,
            INDEXED => Mark::Indexed,
            VAR => Mark::Var,
            _ => Mark::None,
        };
        value.serialize(Writer { mark, ..self })
    }
    fn serialize_newtype_variant<T: ::serde::Serialize + ?::std::marker::Sized>(self, _: &'static str, _: u32, variant: &'static str, value: &T) -> Written {
        let name = child(&self.name, variant);
        value.serialize(Writer { name: Some(name), out: self.out, mark: Mark::None })
    }
    fn serialize_seq(self, _: ::std::option::Option<usize>) -> ::std::result::Result<Compound<'a>, Unwritable> {
        let indexed = self.mark == Mark::Indexed;
        Ok(self.compound(Kind::Items { indexed, next: 0 }))
    }
    fn serialize_tuple(self, len: usize) -> ::std::result::Result<Compound<'a>, Unwritable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> ::std::result::Result<Compound<'a>, Unwritable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, variant: &'static str, len: usize) -> ::std::result::Result<Compound<'a>, Unwritable> {
        let name = child(&self.name, variant);
        Writer { name: Some(name), out: self.out, mark: Mark::None }.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: ::std::option::Option<usize>) -> ::std::result::Result<Compound<'a>, Unwritable> {
        Ok(self.compound(Kind::Map(None)))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> ::std::result::Result<Compound<'a>, Unwritable> {
        match name {
            FILE => Ok(self.compound(Kind::File(Fields::default()))),
            _ => Ok(self.compound(Kind::Struct)),
        }
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> ::std::result::Result<Compound<'a>, Unwritable> {
        let name = child(&self.name, variant);
        Ok(Writer { name: Some(name), out: self.out, mark: Mark::None }.compound(Kind::Struct))
    }
}

// serde's compound traits differ only in name: a list's items and a struct's fields are each
// written one way, whatever serde calls them (spelt out, as a macro would reach every client
// unformatted).
impl ::serde::ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_element<T: ::serde::Serialize + ?::std::marker::Sized>(&mut self, value: &T) -> Written {
        self.element(value)
    }
    fn end(self) -> Written {
        self.finish()
    }
}

impl ::serde::ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_element<T: ::serde::Serialize + ?::std::marker::Sized>(&mut self, value: &T) -> Written {
        self.element(value)
    }
    fn end(self) -> Written {
        self.finish()
    }
}

impl ::serde::ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: ::serde::Serialize + ?::std::marker::Sized>(&mut self, value: &T) -> Written {
        self.element(value)
    }
    fn end(self) -> Written {
        self.finish()
    }
}

impl ::serde::ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: ::serde::Serialize + ?::std::marker::Sized>(&mut self, value: &T) -> Written {
        self.element(value)
    }
    fn end(self) -> Written {
        self.finish()
    }
}

impl ::serde::ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: ::serde::Serialize + ?::std::marker::Sized>(&mut self, key: &'static str, value: &T) -> Written {
        self.field(key, value)
    }
    fn end(self) -> Written {
        self.finish()
    }
}

impl ::serde::ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: ::serde::Serialize + ?::std::marker::Sized>(&mut self, key: &'static str, value: &T) -> Written {
        self.field(key, value)
    }
    fn end(self) -> Written {
        self.finish()
    }
}

impl ::serde::ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    /// A key is written as a value would be, and its text taken.
    fn serialize_key<T: ::serde::Serialize + ?::std::marker::Sized>(&mut self, key: &T) -> Written {
        let mut written = Fields::default();
        key.serialize(Writer { name: Some(Name::Borrowed("")), out: &mut written, mark: Mark::None })?;
        match written.entries.pop() {
            Some((_, Entry::Text(text))) if written.entries.is_empty() => {
                self.kind = Kind::Map(Some(text));
                Ok(())
            }
            _ => Err(Unwritable("a map key must be a single text or number".to_string())),
        }
    }
    fn serialize_value<T: ::serde::Serialize + ?::std::marker::Sized>(&mut self, value: &T) -> Written {
        let sub = match &mut self.kind {
            Kind::Map(sub) => sub.take().unwrap_or_default(),
            _ => ::std::string::String::new(),
        };
        let name = child(&self.name, &sub);
        value.serialize(Writer { name: Some(name), out: &mut *self.out, mark: Mark::None })
    }
    fn end(self) -> Written {
        self.finish()
    }
}

/// The fields of `params`, or why they cannot be sent.
fn fields(params: &dyn Params) -> ::std::result::Result<Fields, ::std::string::String> {
    let mut fields = Fields::default();
    params.write(&mut fields);
    match fields.invalid.take() {
        Some(message) => Err(message),
        None => Ok(fields),
    }
}
