//! Work spread over threads whose stacks are as deep as the main thread's.
//!
//! Rendering a deeply nested collection recurses through minijinja macros, and parsing a deeply
//! nested piece recurses through syn. A spawned thread gets a 2 MiB stack by default, which a
//! debug build of postgen (as a build script runs it) overflows at 60 nested folders, where the
//! main thread's 8 MiB did not; a stack overflow aborts the process, with no error to report.

use std::sync::{Mutex, PoisonError};

use crate::error::Error;

/// The stack of each worker thread. Only the pages a thread touches are ever committed.
const STACK_SIZE: usize = 64 << 20;

/// `work` applied to every item on up to `threads` threads, each taking the next item as it
/// finishes one (so a large item does not hold up the rest). Results are in item order; the first
/// error in that order is returned. If no thread can be started, the calling thread does the work.
pub fn each<I: Send, T: Send>(
    items: Vec<I>,
    threads: usize,
    work: impl Fn(I) -> Result<T, Error> + Sync,
) -> Result<Vec<T>, Error> {
    let count = items.len();
    let queue = Mutex::new(items.into_iter().enumerate());
    let results: Mutex<Vec<Option<Result<T, Error>>>> =
        Mutex::new((0..count).map(|_| None).collect());
    let run = || {
        loop {
            let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
            let Some((index, item)) = next else { break };
            let result = work(item);
            results.lock().unwrap_or_else(PoisonError::into_inner)[index] = Some(result);
        }
    };
    std::thread::scope(|scope| {
        let started = (0..threads.clamp(1, count.max(1)))
            .filter(|_| {
                std::thread::Builder::new()
                    .stack_size(STACK_SIZE)
                    .spawn_scoped(scope, run)
                    .is_ok()
            })
            .count();
        if started == 0 {
            run();
        }
    });
    results
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .into_iter()
        .map(|result| {
            // Every item is taken by a worker that runs to the end (a panic in one ends the
            // scope with that panic), so each has a result.
            result.unwrap_or_else(|| {
                Err(Error::Render {
                    template: String::new(),
                    message: "a worker thread stopped before its work was done".into(),
                })
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_item_order_and_the_first_error_wins() {
        let squares = each((0..100u64).collect(), 2, |n| Ok(n * n)).unwrap();
        assert_eq!(squares, (0..100u64).map(|n| n * n).collect::<Vec<_>>());
        let error = each((0..10u64).collect(), 3, |n| {
            if n % 4 == 3 {
                Err(Error::Usage(format!("item {n}")))
            } else {
                Ok(n)
            }
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "item 3");
    }

    #[test]
    fn a_worker_has_a_deep_stack() {
        fn depth(n: u32) -> u32 {
            // About 1 KiB of stack per call, that the optimizer cannot remove.
            let frame = std::hint::black_box([n as u8; 1024]);
            if n == 0 {
                u32::from(frame[0])
            } else {
                1 + depth(n - 1)
            }
        }
        // 16 MiB of frames: more than a default thread's 2 MiB or the main thread's 8 MiB.
        assert_eq!(
            each(vec![16 * 1024], 1, |n| Ok(depth(n))).unwrap(),
            [16 * 1024]
        );
    }
}
