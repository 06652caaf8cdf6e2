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
    /// On a thread owning a second connection to the same file.
    Thread {
        /// Requests.
        tx: Sender<Msg>,
        /// Results.
        rx: Receiver<Done>,
    },
}

impl Worker {
    /// A worker thread on its own connection to `path`, polling for other processes'
    /// writes every `poll`.
    pub fn spawn(store: Store, poll: Duration) -> Worker {
        let (tx, jobs) = channel::<Msg>();
        let (done, rx) = channel::<Done>();
        std::thread::spawn(move || run(store, jobs, done, poll));
        Worker::Thread { tx, rx }
    }

    /// Sends a job (inline: runs it now and returns its result).
    pub fn submit(&self, store: &mut Store, job: Job, generation: u64) -> Option<Done> {
        match self {
            Worker::Inline => Some(Done::Loaded {
                slot: job.slot,
                generation,
                result: (job.run)(store),
            }),
            Worker::Thread { tx, .. } => {
                // A worker that is gone leaves the pane loading; the status line says nothing
                // more useful than that.
                let _ = tx.send(Msg(job.slot, generation, job.run));
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

fn run(mut store: Store, jobs: Receiver<Msg>, done: Sender<Done>, poll: Duration) {
    yield_to_input();
    let mut seen = store.data_version().ok();
    loop {
        let first = match jobs.recv_timeout(poll) {
            Ok(m) => m,
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
