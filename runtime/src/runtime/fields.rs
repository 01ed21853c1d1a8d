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
pub struct Fields(::std::vec::Vec<(Name, Entry)>);

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
            self.0.push((name.into(), Entry::Flag));
        }
    }

    /// Adds `value` under `name`, or when it is `None` the client variable `var`, which the
    /// collection gives the field (`{{var}}`), as Postman substitutes it.
    pub fn add_or_var<T: Field>(&mut self, name: impl ::std::convert::Into<Name>, value: &::std::option::Option<T>, var: &'static str) {
        match value {
            Some(value) => value.write_to(name.into(), self),
            None => self.0.push((name.into(), Entry::Var(var))),
        }
    }

    /// Adds a text value.
    pub fn text(&mut self, name: Name, value: ::std::string::String) {
        self.0.push((name, Entry::Text(value)));
    }
}

/// A struct of query parameters or form fields.
pub trait Params {
    /// Adds the fields that are set, in declaration order.
    fn write(&self, out: &mut Fields);
}

/// A value of a query parameter or form field.
pub trait Field {
    /// Adds `self` under `name`.
    fn write_to(&self, name: Name, out: &mut Fields);
}

impl Field for str {
    fn write_to(&self, name: Name, out: &mut Fields) {
        out.text(name, self.to_string());
    }
}

impl Field for ::std::string::String {
    fn write_to(&self, name: Name, out: &mut Fields) {
        out.text(name, self.clone());
    }
}

impl Field for bool {
    fn write_to(&self, name: Name, out: &mut Fields) {
        out.text(name, self.to_string());
    }
}

impl Field for i64 {
    fn write_to(&self, name: Name, out: &mut Fields) {
        out.text(name, self.to_string());
    }
}

impl Field for f64 {
    fn write_to(&self, name: Name, out: &mut Fields) {
        out.text(name, self.to_string());
    }
}

impl Field for File {
    fn write_to(&self, name: Name, out: &mut Fields) {
        out.0.push((name, Entry::File(self.clone())));
    }
}

impl<T: Field> Field for ::std::option::Option<T> {
    fn write_to(&self, name: Name, out: &mut Fields) {
        if let Some(value) = self {
            value.write_to(name, out);
        }
    }
}

impl<T: Field> Field for ::std::vec::Vec<T> {
    fn write_to(&self, name: Name, out: &mut Fields) {
        for value in self {
            value.write_to(name.clone(), out);
        }
    }
}

impl<T: Field> Field for ::std::collections::BTreeMap<::std::string::String, T> {
    fn write_to(&self, name: Name, out: &mut Fields) {
        for (entry, value) in self {
            value.write_to(key(&name, entry), out);
        }
    }
}

fn fields(params: &dyn Params) -> Fields {
    let mut fields = Fields::default();
    params.write(&mut fields);
    fields
}
