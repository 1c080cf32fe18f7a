//! LSP's base protocol framing (`Content-Length: N\r\n\r\n` then N bytes), read defensively.
//! A [`Framer`] is fed bytes as they arrive and yields the bodies of well-framed messages.
//! Whatever is not (a header that is not `Name: value`, a missing, empty, negative or
//! oversized `Content-Length`, a body that is not what its header promised, garbage between
//! messages) is skipped up to the next `Content-Length:` header, so one bad message never
//! costs the ones after it. Memory stays bounded by the largest accepted message.

/// The largest message body accepted (64 MiB); larger ones are skipped.
pub const MAX_MESSAGE: usize = 64 << 20;

/// The largest header block accepted.
const MAX_HEADERS: usize = 8 << 10;

/// The header every message starts with, where the framer resynchronises.
const CONTENT_LENGTH: &[u8] = b"content-length:";

/// What the framer found next in its input.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// The body of a well-framed message that the framer's check accepted.
    Body(Vec<u8>),
    /// Bytes that were not a well-framed message; the reason, for the log.
    Skipped(&'static str),
}

/// Where the framer is in its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a header block.
    Headers,
    /// After a header block that announced this many body bytes.
    Body(usize),
    /// Dropping bytes up to the next `Content-Length:` header.
    Resync,
}

/// An incremental reader of framed messages.
pub struct Framer {
    buffer: Vec<u8>,
    state: State,
    accept: fn(&[u8]) -> bool,
}

impl Framer {
    /// A framer that yields the bodies `accept` takes; a body it refuses is treated as bad
    /// framing (the next header may be inside it, when the declared length was too long).
    pub fn new(accept: fn(&[u8]) -> bool) -> Framer {
        Framer {
            buffer: Vec::new(),
            state: State::Headers,
            accept,
        }
    }

    /// Appends bytes read from the input.
    pub fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next frame, or `None` until more bytes arrive.
    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            match self.state {
                State::Resync => {
                    if !self.resync() {
                        return None;
                    }
                }
                State::Headers => return self.headers(),
                State::Body(length) => return self.body(length),
            }
        }
    }

    /// Drops bytes up to the next `Content-Length:`; whether it was found.
    fn resync(&mut self) -> bool {
        match find_header(&self.buffer) {
            Some(at) => {
                self.buffer.drain(..at);
                self.state = State::Headers;
                true
            }
            None => {
                // Keep a tail that may be the start of a header split across reads.
                let keep = self.buffer.len().min(CONTENT_LENGTH.len() - 1);
                self.buffer.drain(..self.buffer.len() - keep);
                false
            }
        }
    }

    /// Reads a header block; skips blank lines before it.
    fn headers(&mut self) -> Option<Frame> {
        let blank = self
            .buffer
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        self.buffer.drain(..blank);
        if self.buffer.is_empty() {
            return None;
        }
        let mut at = 0;
        let mut length = None;
        loop {
            let Some(newline) = self.buffer[at..].iter().position(|b| *b == b'\n') else {
                if self.buffer.len() > MAX_HEADERS {
                    return Some(self.skip(1, "a header block without end"));
                }
                return None;
            };
            let line = &self.buffer[at..at + newline];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            at += newline + 1;
            if at > MAX_HEADERS {
                return Some(self.skip(1, "a header block too long"));
            }
            if line.is_empty() {
                break;
            }
            match header(line) {
                Header::ContentLength(n) => length = Some(n),
                Header::Other => {}
                Header::Malformed => return Some(self.skip(1, "a malformed header")),
            }
        }
        self.buffer.drain(..at);
        match length {
            None => Some(self.skip(0, "a message without Content-Length")),
            Some(n) if n > MAX_MESSAGE as u64 => Some(self.skip(0, "a message larger than 64 MiB")),
            Some(n) => {
                self.state = State::Body(n as usize);
                self.next_frame()
            }
        }
    }

    /// Takes a body of `length` bytes once it is all there.
    fn body(&mut self, length: usize) -> Option<Frame> {
        if self.buffer.len() < length {
            return None;
        }
        if !(self.accept)(&self.buffer[..length]) {
            // The next header may be inside: look for it from the body's start.
            return Some(self.skip(0, "a body that is not a JSON-RPC message"));
        }
        let rest = self.buffer.split_off(length);
        self.state = State::Headers;
        Some(Frame::Body(std::mem::replace(&mut self.buffer, rest)))
    }

    /// Drops `n` bytes and resynchronises.
    fn skip(&mut self, n: usize, reason: &'static str) -> Frame {
        self.buffer.drain(..n.min(self.buffer.len()));
        self.state = State::Resync;
        Frame::Skipped(reason)
    }
}

/// One header line, read.
enum Header {
    ContentLength(u64),
    Other,
    Malformed,
}

/// Reads `Name: value`; a `Content-Length` must be a plain decimal number.
fn header(line: &[u8]) -> Header {
    let Some(colon) = line.iter().position(|b| *b == b':') else {
        return Header::Malformed;
    };
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    let token = |b: &u8| b.is_ascii_alphanumeric() || b"-_.".contains(b);
    if name.is_empty() || !name.iter().all(token) {
        return Header::Malformed;
    }
    if !name.eq_ignore_ascii_case(&CONTENT_LENGTH[..CONTENT_LENGTH.len() - 1]) {
        return Header::Other;
    }
    let value = value.trim_ascii();
    if value.is_empty() || value.len() > 19 || !value.iter().all(u8::is_ascii_digit) {
        return Header::Malformed;
    }
    value
        .iter()
        .try_fold(0u64, |n, d| {
            n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        })
        .map_or(Header::Malformed, Header::ContentLength)
}

/// Where the next `Content-Length:` (any case) starts.
fn find_header(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(CONTENT_LENGTH.len())
        .position(|w| w.eq_ignore_ascii_case(CONTENT_LENGTH))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(body: &[u8]) -> bool {
        serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok()
    }

    /// Feeds `input` in chunks of `chunk` bytes; the bodies and the number of skips.
    fn frames(input: &[u8], chunk: usize) -> (Vec<String>, usize) {
        let mut framer = Framer::new(json);
        let (mut bodies, mut skipped) = (Vec::new(), 0);
        for piece in input.chunks(chunk) {
            framer.push(piece);
            while let Some(frame) = framer.next_frame() {
                match frame {
                    Frame::Body(b) => bodies.push(String::from_utf8_lossy(&b).into_owned()),
                    Frame::Skipped(_) => skipped += 1,
                }
            }
        }
        (bodies, skipped)
    }

    const GOOD: &str = "Content-Length: 7\r\n\r\n{\"a\":1}";

    #[test]
    fn reads_messages_in_any_chunking() {
        let input = format!(
            "{GOOD}Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\n\r\n[]{GOOD}"
        );
        for chunk in [1, 2, 3, 7, 1000] {
            let (bodies, skipped) = frames(input.as_bytes(), chunk);
            assert_eq!(bodies, ["{\"a\":1}", "[]", "{\"a\":1}"], "chunk {chunk}");
            assert_eq!(skipped, 0);
        }
    }

    #[test]
    fn resynchronises_after_bad_framing() {
        let bad: &[&[u8]] = &[
            b"Content-Length: abc\r\n\r\n{}",
            b"Content-Length: -5\r\n\r\n{}",
            b"Content-Length: \r\n\r\n{}",
            b"Content-Length: 99999999999999999999999\r\n\r\n{}",
            b"Content-Length: 70000000\r\n\r\n{\"big\":\"...\"}",
            b"Content-Type: x\r\n\r\n{}",
            b"Content-Length: 5\r\n\r\n{\"a\":1}",
            b"Content-Length: 30\r\n\r\n{}",
            b"\x00\xff\xfe garbage \x01\r\n\x02",
            b"no colon here\r\n\r\n",
        ];
        for prefix in bad {
            let mut input = prefix.to_vec();
            input.extend_from_slice(GOOD.as_bytes());
            input.extend_from_slice(GOOD.as_bytes());
            for chunk in [1, 5, 4096] {
                let (bodies, skipped) = frames(&input, chunk);
                let name = String::from_utf8_lossy(prefix);
                assert_eq!(bodies, ["{\"a\":1}", "{\"a\":1}"], "{name:?} chunk {chunk}");
                assert!(skipped >= 1, "{name:?}");
            }
        }
    }

    #[test]
    fn memory_stays_bounded_on_garbage() {
        let mut framer = Framer::new(json);
        let garbage = vec![b'x'; 1 << 20];
        for _ in 0..20 {
            framer.push(&garbage);
            while framer.next_frame().is_some() {}
            assert!(framer.buffer.len() < CONTENT_LENGTH.len());
        }
        framer.push(GOOD.as_bytes());
        let mut last = None;
        while let Some(f) = framer.next_frame() {
            last = Some(f);
        }
        assert_eq!(last, Some(Frame::Body(b"{\"a\":1}".to_vec())));
    }
}
