//! Printed pieces put back together into the file, each as soon as it can be placed.
//!
//! A file is a tree of regions (the file itself, and the inside of each marked `mod` or `impl`
//! block), each a list of pieces; a piece holds a placeholder line where an inner region goes.
//! The file's text is the depth-first walk of that tree. Workers print pieces in any order, and
//! the piece enclosing a region is cut where the region begins, so after each cut
//! [`Assembly::advance`] copies the walk as far as the printed pieces allow, into a region that
//! is still open too, freeing each piece as it is copied. Only the pieces waiting for an earlier
//! one to be printed are held, not the whole file a second time, nor a whole module.

use std::sync::{Mutex, PoisonError};

use crate::error::Error;
use crate::output::Sink;

/// A piece as printed, and the regions its placeholders stand for, in order.
pub(super) struct Printed {
    pub(super) text: String,
    pub(super) holes: Vec<usize>,
}

/// What the workers have printed, by piece index; a piece is taken out when it is placed.
pub(super) type Done = Mutex<Vec<Option<Result<Printed, Error>>>>;

/// Records what a worker made of piece `index`.
pub(super) fn store(done: &Done, index: usize, printed: Result<Printed, Error>) {
    let mut done = done.lock().unwrap_or_else(PoisonError::into_inner);
    if done.len() <= index {
        done.resize_with(index + 1, || None);
    }
    done[index] = Some(printed);
}

/// Whether a printed line is a region's placeholder.
fn is_placeholder(line: &str) -> bool {
    line.trim_start().starts_with("__postgen_hole_")
}

/// Where the walk is in one region.
struct Frame {
    region: usize,
    /// The position in the region of the next piece to take.
    next: usize,
    /// The piece being copied: its text, how far it is copied and how many holes it passed.
    current: Option<(Printed, usize, usize)>,
}

impl Frame {
    fn new(region: usize) -> Frame {
        Frame {
            region,
            next: 0,
            current: None,
        }
    }
}

/// The regions of a file as they are cut, and the walk that copies them into `out`.
pub(super) struct Assembly<'o> {
    /// Each region's piece indices, in order.
    regions: Vec<Vec<usize>>,
    /// Whether each region has all its pieces.
    closed: Vec<bool>,
    /// The regions the walk is in, innermost last; empty when the file is complete.
    stack: Vec<Frame>,
    out: &'o mut dyn Sink,
}

impl<'o> Assembly<'o> {
    /// An assembly of one open region, the file's (id 0), appending to `out`.
    pub(super) fn new(out: &'o mut dyn Sink) -> Assembly<'o> {
        Assembly {
            regions: vec![Vec::new()],
            closed: vec![false],
            stack: vec![Frame::new(0)],
            out,
        }
    }

    /// The id the next region opened will have.
    pub(super) fn next_region(&self) -> usize {
        self.regions.len()
    }

    /// Opens a region; returns its id.
    pub(super) fn open(&mut self) -> usize {
        self.regions.push(Vec::new());
        self.closed.push(false);
        self.regions.len() - 1
    }

    /// Piece `index` comes next in `region`.
    pub(super) fn push(&mut self, region: usize, index: usize) {
        self.regions[region].push(index);
    }

    /// `region` has all its pieces.
    pub(super) fn close(&mut self, region: usize) {
        self.closed[region] = true;
    }

    /// Copies the walk into `out` as far as the printed pieces in `done` allow. A piece that
    /// failed to print stops the walk; [`finish`](Self::finish) reports it.
    pub(super) fn advance(&mut self, done: &Done) {
        let mut done = done.lock().unwrap_or_else(PoisonError::into_inner);
        while let Some(frame) = self.stack.last_mut() {
            let (printed, copied, passed) = match &mut frame.current {
                Some(current) => current,
                None => {
                    let Some(&index) = self.regions[frame.region].get(frame.next) else {
                        if self.closed[frame.region] {
                            self.stack.pop();
                            continue;
                        }
                        // The region's next piece is not cut yet.
                        return;
                    };
                    let Some(slot) = done.get_mut(index) else {
                        return;
                    };
                    let Some(Ok(printed)) = slot.take_if(|p| p.is_ok()) else {
                        // Not printed yet, or failed.
                        return;
                    };
                    frame.next += 1;
                    frame.current.insert((printed, 0, 0))
                }
            };
            let mut hole = None;
            for line in printed.text[*copied..].split_inclusive('\n') {
                *copied += line.len();
                if is_placeholder(line)
                    && let Some(&region) = printed.holes.get(*passed)
                {
                    *passed += 1;
                    hole = Some(region);
                    break;
                }
                self.out.push_str(line);
            }
            match hole {
                Some(region) => self.stack.push(Frame::new(region)),
                None => frame.current = None,
            }
        }
    }

    /// Once every piece is cut and printed: copies the rest, or returns the first piece (in
    /// file order) that failed to print.
    pub(super) fn finish(mut self, template: &str, done: &Done) -> Result<(), Error> {
        self.advance(done);
        if self.stack.is_empty() {
            return Ok(());
        }
        let mut done = done.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(Some(Err(error))) = done
            .iter_mut()
            .find(|p| matches!(p, Some(Err(_))))
            .map(Option::take)
        {
            return Err(error);
        }
        Err(Error::Render {
            template: template.to_string(),
            message: "a piece of the file was lost in formatting".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(text: &str, holes: &[usize]) -> Result<Printed, Error> {
        Ok(Printed {
            text: text.into(),
            holes: holes.to_vec(),
        })
    }

    #[test]
    fn pieces_are_placed_in_file_order_as_soon_as_they_can_be() {
        let done: Done = Mutex::new(Vec::new());
        let mut out = String::new();
        let mut assembly = Assembly::new(&mut out);
        // The file: piece 0, then piece 2 holding region 1 (pieces 1 and 3), then piece 4.
        assembly.push(0, 0);
        let inner = assembly.open();
        assembly.push(inner, 1);
        store(&done, 1, printed("    b\n", &[]));
        assembly.advance(&done);
        // Piece 0 is not printed yet: nothing can be placed, piece 1 waits.
        assert!(done.lock().unwrap()[1].is_some());
        store(&done, 0, printed("a\n", &[]));
        assembly.push(inner, 3);
        store(&done, 3, printed("    c\n", &[]));
        assembly.close(inner);
        assembly.push(0, 2);
        store(
            &done,
            2,
            printed("mod m {\n    __postgen_hole_1!();\n}\n", &[inner]),
        );
        assembly.advance(&done);
        // Everything up to the end of piece 2 is placed and freed.
        assert!(done.lock().unwrap().iter().all(Option::is_none));
        assembly.push(0, 4);
        store(&done, 4, printed("d\n", &[]));
        assembly.close(0);
        assembly.finish("t", &done).unwrap();
        assert_eq!(out, "a\nmod m {\n    b\n    c\n}\nd\n");
    }

    #[test]
    fn the_first_piece_that_failed_is_reported() {
        let done: Done = Mutex::new(Vec::new());
        let mut out = String::new();
        let mut assembly = Assembly::new(&mut out);
        for index in 0..3 {
            assembly.push(0, index);
        }
        assembly.close(0);
        let failed = |n: u8| {
            Err(Error::Render {
                template: "t".into(),
                message: format!("piece {n}"),
            })
        };
        store(&done, 0, printed("a\n", &[]));
        store(&done, 2, failed(2));
        store(&done, 1, failed(1));
        let error = assembly.finish("t", &done).unwrap_err();
        assert!(error.to_string().contains("piece 1"), "{error}");
    }
}
