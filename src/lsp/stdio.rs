//! Standard input and output on threads of their own. tokio reads and writes stdio through
//! its blocking pool, one pool task per read or write, and the analyses once ran on that pool
//! too: a request read just after an edit of a large file waited for a pool thread while the
//! analysis held a core. Here one thread reads stdin and one writes stdout, each blocked in
//! its system call until there is something to do, and hand the bytes over through in-memory
//! pipes.

use std::io::{ErrorKind, Read, Write};
use std::thread::JoinHandle;

use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::runtime::Handle;

/// The in-memory pipes' capacity: the largest burst a client writes at once.
const PIPE: usize = 1 << 20;
/// The most bytes moved per system call.
const CHUNK: usize = 64 * 1024;

/// Standard input as an async stream, read on its own thread; it ends when stdin does.
/// Nothing waits for the thread: a client need not close stdin after `exit`.
pub fn stdin_reader(runtime: &Handle) -> std::io::Result<DuplexStream> {
    let (mut pipe, reader) = tokio::io::duplex(PIPE);
    let runtime = runtime.clone();
    std::thread::Builder::new()
        .name("apigw-stdin".into())
        .spawn(move || {
            let mut stdin = std::io::stdin().lock();
            let mut chunk = vec![0; CHUNK];
            loop {
                let n = match stdin.read(&mut chunk) {
                    Ok(0) => return,
                    Ok(n) => n,
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    Err(_) => return,
                };
                let Some(bytes) = chunk.get(..n) else { return };
                if runtime.block_on(pipe.write_all(bytes)).is_err() {
                    return;
                }
            }
        })?;
    Ok(reader)
}

/// Standard output as an async stream, written on its own thread; join the thread after the
/// stream is dropped to have every byte written.
pub fn stdout_writer(runtime: &Handle) -> std::io::Result<(DuplexStream, JoinHandle<()>)> {
    let (writer, mut pipe) = tokio::io::duplex(PIPE);
    let runtime = runtime.clone();
    let thread = std::thread::Builder::new()
        .name("apigw-stdout".into())
        .spawn(move || {
            let mut stdout = std::io::stdout().lock();
            let mut chunk = vec![0; CHUNK];
            loop {
                let n = match runtime.block_on(pipe.read(&mut chunk)) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                let Some(bytes) = chunk.get(..n) else { return };
                if stdout
                    .write_all(bytes)
                    .and_then(|()| stdout.flush())
                    .is_err()
                {
                    return;
                }
            }
        })?;
    Ok((writer, thread))
}
