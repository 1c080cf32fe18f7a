//! Memory per input byte is bounded: every 1 MB input of the shapes that once took hundreds of
//! megabytes (deep flow nesting, dense tokens, many `${...}` expressions, many constructs,
//! alias bombs) is checked and synthesized under 100 MiB of peak heap, or stops at a limit with
//! a clear diagnostic. The peak is counted by this test binary's allocator, tree-sitter's C
//! allocations included (routed through counting functions).

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::c_void;
use std::sync::atomic::{AtomicUsize, Ordering};

use apigw_lsp::check::check_text;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(n: usize) {
    let now = CURRENT.fetch_add(n, Ordering::SeqCst) + n;
    PEAK.fetch_max(now, Ordering::SeqCst);
}

fn shrink(n: usize) {
    CURRENT.fetch_sub(n, Ordering::SeqCst);
}

/// The system allocator, counting live bytes and their peak.
struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        shrink(layout.size());
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            shrink(layout.size());
            grow(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

unsafe extern "C" fn ts_malloc(size: usize) -> *mut c_void {
    let p = unsafe { libc::malloc(size) };
    grow(unsafe { libc::malloc_usable_size(p) });
    p
}

unsafe extern "C" fn ts_calloc(n: usize, size: usize) -> *mut c_void {
    let p = unsafe { libc::calloc(n, size) };
    grow(unsafe { libc::malloc_usable_size(p) });
    p
}

unsafe extern "C" fn ts_realloc(ptr: *mut c_void, size: usize) -> *mut c_void {
    shrink(unsafe { libc::malloc_usable_size(ptr) });
    let p = unsafe { libc::realloc(ptr, size) };
    grow(unsafe { libc::malloc_usable_size(p) });
    p
}

unsafe extern "C" fn ts_free(ptr: *mut c_void) {
    shrink(unsafe { libc::malloc_usable_size(ptr) });
    unsafe { libc::free(ptr) };
}

/// Repeats `unit` after `head` up to 1 MB.
fn megabyte(head: &str, unit: impl Fn(usize) -> String, tail: &str) -> String {
    let mut text = head.to_string();
    let mut i = 0;
    while text.len() < 1_000_000 {
        text.push_str(&unit(i));
        i += 1;
    }
    text.push_str(tail);
    text
}

/// The peak heap of checking and synthesizing `text`, in bytes, and its error messages.
fn peak(text: &str) -> (usize, Vec<String>) {
    let base = CURRENT.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let checked = check_text(text);
    let _ = checked.synthesis();
    let errors = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect();
    drop(checked);
    (PEAK.load(Ordering::SeqCst) - base, errors)
}

#[test]
fn one_megabyte_stays_under_100_mib_or_meets_a_limit() {
    // Installed before the first parser exists (each test runs in its own process).
    unsafe {
        tree_sitter::set_allocator(
            Some(ts_malloc),
            Some(ts_calloc),
            Some(ts_realloc),
            Some(ts_free),
        )
    };
    let api = "constructs:\n  Api: { type: HttpApi }\n";
    let block_api = "constructs:\n  Api:\n    type: HttpApi\n";
    let bomb = {
        let mut s = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g"])
        {
            s.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 10].join(", ")
            ));
        }
        s + api
    };
    let cases: Vec<(&str, String, Option<&str>)> = vec![
        (
            "deep flow",
            megabyte("constructs: ", |_| "[{".into(), ""),
            Some("nesting is too deep"),
        ),
        (
            "flat flow",
            megabyte("constructs: [", |_| "1,".into(), "1]\n"),
            Some("YAML tokens"),
        ),
        (
            "block sequence",
            megabyte(&format!("{api}x:\n"), |_| "- a\n".into(), ""),
            Some("YAML tokens"),
        ),
        (
            "comments",
            megabyte(api, |_| "#\n".into(), ""),
            Some("YAML tokens"),
        ),
        (
            "routes",
            megabyte(
                "integrations:\n  I: { type: HttpUrlIntegration, url: https://x.example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n",
                |i| format!("      - {{ path: /a{i}, integration: I }}\n"),
                "",
            ),
            Some("YAML tokens"),
        ),
        (
            "constructs",
            megabyte(
                "constructs:\n",
                |i| format!("  A{i}:\n    type: HttpApi\n"),
                "",
            ),
            Some("YAML tokens"),
        ),
        (
            "1,500 constructs",
            (0..1_500).fold("constructs:\n".to_string(), |s, i| {
                s + &format!("  A{i}: {{ type: HttpApi }}\n")
            }),
            Some("entries in `constructs`"),
        ),
        (
            "outputs",
            megabyte(
                &format!("{api}outputs:\n"),
                |i| format!("  O{i}: {{ value: \"${{Api.apiId}}\" }}\n"),
                "",
            ),
            Some("YAML tokens"),
        ),
        (
            "expressions",
            megabyte(
                &format!("{api}outputs:\n  O: {{ value: \""),
                |_| "${Api.apiId}".into(),
                "\" }\n",
            ),
            Some("expressions"),
        ),
        ("alias bomb", bomb, Some("alias expansion too large")),
        (
            "long scalar",
            megabyte(
                &format!("{block_api}    description: \""),
                |_| "x".into(),
                "\"\n",
            ),
            None,
        ),
        (
            "block scalar",
            megabyte(
                &format!("{block_api}    description: |\n"),
                |_| "      [{ words words ${x}\n".into(),
                "",
            ),
            Some("expressions"),
        ),
        (
            "block scalar prose",
            megabyte(
                &format!("{block_api}    description: |\n"),
                |_| "      [{ words words words\n".into(),
                "",
            ),
            None,
        ),
    ];
    for (name, text, limit) in cases {
        let (bytes, errors) = peak(&text);
        eprintln!("{name}: {} KiB peak, {:?}", bytes >> 10, errors.first());
        assert!(bytes < 100 << 20, "{name}: {} MiB", bytes >> 20);
        match limit {
            Some(words) => assert!(
                errors.iter().any(|e| e.contains(words)),
                "{name}: {errors:?}"
            ),
            None => assert!(errors.is_empty(), "{name}: {errors:?}"),
        }
    }
}
