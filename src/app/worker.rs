//! The database off the input thread: a worker owns a connection and runs jobs; results
//! come back as messages. Tests (and in-memory stores) run jobs inline instead.

use std::collections::HashMap;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use super::component::{Job, JobFn, Payload};
use crate::error::Result;
use crate::store::Store;

/// What the worker sends back.
pub enum Done {
    /// A job finished.
    Loaded {
        /// The job's slot.
        slot: String,
        /// The request's generation.
        generation: u64,
        /// The result.
        result: Result<Payload>,
    },
    /// Another process wrote to the database.
    Changed,
}

/// A request to the worker thread: run a job (slot, generation, read or write).
pub struct Msg(String, u64, JobFn);

/// Where jobs run.
pub enum Worker {
    /// On the caller's thread, on the app's own store (deterministic, for tests).
    Inline,
    /// On threads owning connections of their own to the same file: the first takes every
    /// write and watches for other processes' writes; reads are spread over all of them,
    /// so the panes of a first frame load side by side on two cores.
    Thread {
        /// Requests, one queue per thread (the first is the writer's).
        queues: Vec<Sender<Msg>>,
        /// Results.
        rx: Receiver<Done>,
        /// The queue the next read goes to.
        next: std::cell::Cell<usize>,
    },
}

impl Worker {
    /// A worker thread per store (connections to one file); the first takes the writes and
    /// polls for other processes' writes every `poll`.
    pub fn spawn(stores: Vec<Store>, poll: Duration) -> Worker {
        let (done, rx) = channel::<Done>();
        let queues = stores
            .into_iter()
            .enumerate()
            .map(|(i, store)| {
                let (tx, jobs) = channel::<Msg>();
                let done = done.clone();
                // Only the writer's connection watches: the readers would see its writes
                // as another process's.
                let watch = (i == 0).then_some(poll);
                std::thread::spawn(move || run(store, jobs, done, watch));
                tx
            })
            .collect();
        Worker::Thread {
            queues,
            rx,
            next: std::cell::Cell::new(0),
        }
    }

    /// Sends a job (inline: runs it now and returns its result).
    pub fn submit(&self, store: &mut Store, job: Job, generation: u64) -> Option<Done> {
        match self {
            Worker::Inline => Some(Done::Loaded {
                slot: job.slot,
                generation,
                result: (job.run)(store),
            }),
            Worker::Thread { queues, next, .. } => {
                let i = if job.write || queues.is_empty() {
                    0
                } else {
                    next.set((next.get() + 1) % queues.len());
                    next.get()
                };
                // A worker that is gone leaves the pane loading; the status line says nothing
                // more useful than that.
                if let Some(q) = queues.get(i) {
                    let _ = q.send(Msg(job.slot, generation, job.run));
                }
                None
            }
        }
    }

    /// Results ready now, without waiting.
    pub fn ready(&self) -> Vec<Done> {
        match self {
            Worker::Inline => Vec::new(),
            Worker::Thread { rx, .. } => rx.try_iter().collect(),
        }
    }
}

/// Lets the input thread win a contended core: reloads can wait a few ms, keys should not.
#[cfg(target_os = "linux")]
fn yield_to_input() {
    extern "C" {
        fn setpriority(which: i32, who: u32, prio: i32) -> i32;
    }
    // SAFETY: plain libc call with integer arguments; on Linux PRIO_PROCESS (0) with
    // who = 0 sets the nice value of the calling thread only. A failure changes nothing.
    unsafe {
        setpriority(0, 0, 10);
    }
}

#[cfg(not(target_os = "linux"))]
fn yield_to_input() {}

fn run(mut store: Store, jobs: Receiver<Msg>, done: Sender<Done>, watch: Option<Duration>) {
    yield_to_input();
    let mut seen = store.data_version().ok();
    // A reader that does not watch just waits for work.
    let wait = watch.unwrap_or(Duration::from_secs(3600));
    loop {
        let first = match jobs.recv_timeout(wait) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) if watch.is_none() => continue,
            Err(RecvTimeoutError::Timeout) => {
                let v = store.data_version().ok();
                if v != seen {
                    seen = v;
                    if done.send(Done::Changed).is_err() {
                        return;
                    }
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        // Take everything queued and keep only the newest job per slot.
        let mut queue: Vec<(String, u64, JobFn)> = Vec::new();
        let mut newest: HashMap<String, usize> = HashMap::new();
        for Msg(slot, g, f) in std::iter::once(first).chain(jobs.try_iter()) {
            match newest.get(&slot) {
                Some(&i) => queue[i] = (slot, g, f),
                None => {
                    newest.insert(slot.clone(), queue.len());
                    queue.push((slot, g, f));
                }
            }
        }
        // Writes go through this connection, so they never look like another process's.
        for (slot, generation, f) in queue {
            let started = std::time::Instant::now();
            let result = f(&mut store);
            tracing::debug!(%slot, ms = started.elapsed().as_millis() as u64, "job done");
            if done
                .send(Done::Loaded {
                    slot,
                    generation,
                    result,
                })
                .is_err()
            {
                return;
            }
        }
    }
}
