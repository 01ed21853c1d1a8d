// Sending without async (the generated crate's feature `blocking`): each call is run to
// completion on one runtime the process keeps for blocking calls, whose worker thread drives
// the connections between calls, as `reqwest::blocking` runs its client on a thread of its own.
// (A runtime per calling thread would leave a connection that thread opened undriven while it
// does other work, and another thread reusing it from the shared pool would hang.)
//
// Included into the runtime crate of every generated client, or its `runtime` module (and this
// crate's, in `lib.rs`), compiled only with the feature `blocking`: items only, without `//!` docs
// or inner attributes; comments like this one are dropped. Not formatted by rustfmt.

/// The process's runtime for blocking calls: one worker thread, which drives the connections
/// in the pool whichever thread made them.
#[cfg(feature = "blocking")]
static BLOCKING: ::std::sync::OnceLock<::std::result::Result<::tokio::runtime::Runtime, ::std::string::String>> = ::std::sync::OnceLock::new();

/// Runs `future` to completion on the blocking calls' runtime, or says why it cannot: inside an async
/// runtime a call is awaited, not blocked on.
#[cfg(feature = "blocking")]
fn block_on<T, E>(future: impl ::std::future::Future<Output = ::std::result::Result<T, Error<E>>>) -> ::std::result::Result<T, Error<E>> {
    if ::tokio::runtime::Handle::try_current().is_ok() {
        return Err(Error::InvalidRequest("a blocking call was made inside an async runtime: `.await` the call instead".into()));
    }
    let runtime = BLOCKING.get_or_init(|| {
        ::tokio::runtime::Builder::new_multi_thread().worker_threads(1).thread_name("blocking-calls").enable_all().build().map_err(|e| e.to_string())
    });
    match runtime {
        Ok(runtime) => runtime.block_on(future),
        Err(error) => Err(Error::InvalidRequest(format!("no runtime for blocking calls: {error}"))),
    }
}

#[cfg(feature = "blocking")]
impl<T, E> Call<'_, T, E> {
    /// Sends the request and decodes its response, blocking the thread until it has: the same
    /// as `.await` without an async runtime (the crate's feature `blocking`).
    ///
    /// # Errors
    ///
    /// As `.await`; and [`Error::InvalidRequest`] when called inside an async runtime.
    pub fn send_blocking(self) -> ::std::result::Result<Response<T>, Error<E>> {
        block_on(self.send())
    }
}

#[cfg(feature = "blocking")]
impl<T, E> Pages<'_, T, E> {
    /// The pages one by one, each fetched when the iterator is asked for it, blocking the thread
    /// (the crate's feature `blocking`).
    pub fn blocking_iter(self) -> impl ::std::iter::Iterator<Item = ::std::result::Result<Response<T>, Error<E>>> {
        blocking_iter(self)
    }
}

#[cfg(feature = "blocking")]
impl<I, E> Items<'_, I, E> {
    /// The items one by one, each page fetched when it is needed, blocking the thread (the
    /// crate's feature `blocking`).
    pub fn blocking_iter(self) -> impl ::std::iter::Iterator<Item = ::std::result::Result<I, Error<E>>> {
        blocking_iter(self)
    }
}

/// The items of `stream`, each waited for on the thread's runtime.
#[cfg(feature = "blocking")]
fn blocking_iter<S, T, E>(mut stream: S) -> impl ::std::iter::Iterator<Item = ::std::result::Result<T, Error<E>>>
where
    S: ::futures_util::Stream<Item = ::std::result::Result<T, Error<E>>> + ::std::marker::Unpin,
{
    let mut failed = false;
    ::std::iter::from_fn(move || {
        if failed {
            return None;
        }
        match block_on(async { Ok(::futures_util::StreamExt::next(&mut stream).await) }) {
            Ok(next) => next,
            Err(error) => {
                failed = true;
                Some(Err(error))
            }
        }
    })
}
