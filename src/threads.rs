//! Work spread over threads whose stacks are as deep as the main thread's.
//!
//! Reading a deeply nested collection recurses through its folders, rendering one recurses
//! through minijinja macros, and parsing a deeply nested piece recurses through syn. A spawned
//! thread gets a 2 MiB stack by default, which a debug build of postgen (as a build script runs
//! it) overflows at 60 nested folders, where the main thread's 8 MiB did not; a stack overflow
//! aborts the process, with no error to report.

use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};

use crate::error::Error;

/// The stack of each worker thread. Only the pages a thread touches are ever committed.
const STACK_SIZE: usize = 64 << 20;

/// How many handed-over items may wait for a worker, per worker: enough to keep the workers
/// busy, few enough that a producer faster than its workers does not hold its whole output.
const WAITING_PER_WORKER: usize = 8;

/// `work` applied to every item on up to `threads` threads, each taking the next item as it
/// finishes one (so a large item does not hold up the rest). Results are in item order; the first
/// error in that order is returned. If no thread can be started, the calling thread does the work.
pub fn each<I: Send, T: Send>(
    items: Vec<I>,
    threads: usize,
    work: impl Fn(I) -> Result<T, Error> + Sync,
) -> Result<Vec<T>, Error> {
    let threads = threads.clamp(1, items.len().max(1));
    let ((), results) = pipeline(threads, |give| items.into_iter().for_each(give), work);
    results.into_iter().collect()
}

/// Runs `produce` on the calling thread while up to `threads` workers apply `work` to each item
/// it gives, in the order given. Returns what `produce` returned and the results in item order.
///
/// At most a few items per worker wait to be taken: `give` blocks until a worker is free, so
/// items are never all held at once. An item no worker can take (none started, or all ended
/// early) is worked on by the calling thread.
pub fn pipeline<I: Send, T: Send, R>(
    threads: usize,
    produce: impl FnOnce(&mut dyn FnMut(I)) -> R,
    work: impl Fn(I) -> T + Sync,
) -> (R, Vec<T>) {
    let threads = threads.max(1);
    let results: Mutex<Vec<Option<T>>> = Mutex::new(Vec::new());
    let store = |index: usize, result: T| {
        let mut results = results.lock().unwrap_or_else(PoisonError::into_inner);
        if results.len() <= index {
            results.resize_with(index + 1, || None);
        }
        results[index] = Some(result);
    };
    let (send, receive) = sync_channel::<(usize, I)>(threads * WAITING_PER_WORKER);
    // Only the workers hold the receiver: once they have all ended, a send fails instead of
    // blocking, and the calling thread does the work.
    let receive = Arc::new(Mutex::new(receive));
    let run = |receive: Arc<Mutex<Receiver<(usize, I)>>>| {
        loop {
            let next = receive
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .recv();
            let Ok((index, item)) = next else { break };
            store(index, work(item));
        }
    };
    let produced = std::thread::scope(|scope| {
        for _ in 0..threads {
            let receive = Arc::clone(&receive);
            // A thread that cannot start drops its handle on the receiver with the closure.
            let _ = std::thread::Builder::new()
                .stack_size(STACK_SIZE)
                .spawn_scoped(scope, move || run(receive));
        }
        drop(receive);
        let mut count = 0;
        let produced = produce(&mut |item| {
            let index = count;
            count += 1;
            if let Err(returned) = send.send((index, item)) {
                let (index, item) = returned.0;
                store(index, work(item));
            }
        });
        // No more items: the workers end when the channel is empty.
        drop(send);
        produced
    });
    let results = results
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .into_iter()
        // Every given item was either taken by a worker that ran it to the end (a panic in one
        // ends the scope with that panic) or run here, so each has a result.
        .map(|result| result.expect("every item given has a result"))
        .collect();
    (produced, results)
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
    fn a_pipeline_keeps_order_and_holds_few_items_at_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let (given, done, most) = (
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
        );
        let (total, results) = pipeline(
            2,
            |give| {
                for n in 0..200u64 {
                    let waiting =
                        given.fetch_add(1, Ordering::SeqCst) + 1 - done.load(Ordering::SeqCst);
                    most.fetch_max(waiting, Ordering::SeqCst);
                    give(n);
                }
                200
            },
            |n| {
                std::thread::sleep(std::time::Duration::from_micros(200));
                done.fetch_add(1, Ordering::SeqCst);
                n * 3
            },
        );
        assert_eq!(total, 200);
        assert_eq!(results, (0..200u64).map(|n| n * 3).collect::<Vec<_>>());
        // The queue, one item in each worker's hands and the one being given.
        let bound = 2 * WAITING_PER_WORKER + 2 + 1;
        assert!(
            most.load(Ordering::SeqCst) <= bound,
            "{most:?} waiting at once"
        );
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
