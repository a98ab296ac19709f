//! Writing results to standard output.
//!
//! `println!` panics when stdout is a closed pipe (`tokenmeter prune big.txt | head`). These
//! macros write instead, and a closed pipe ends the process quietly with status 0, as Unix
//! filters do; any other write error is reported on one line with status 1.

use std::io::{ErrorKind, Write};

/// Like `println!`, without the panic on a closed pipe.
macro_rules! outln {
    () => { $crate::output::write(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::write(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Like `print!`, without the panic on a closed pipe.
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::write(format_args!($($arg)*)) };
}

pub fn write(args: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args).and_then(|()| stdout.flush()) {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("tokenmeter: error: cannot write to standard output: {e}");
        std::process::exit(1);
    }
}
