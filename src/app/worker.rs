//! The database off the input thread: worker threads own connections and run jobs;
//! results come back as messages. Tests (and in-memory stores) run jobs inline instead.

use std::collections::VecDeque;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
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

/// A job waiting for a thread.
struct Waiting {
    slot: String,
    generation: u64,
    write: bool,
    run: JobFn,
}

/// The jobs waiting, shared by the threads: whichever thread is free takes the next one,
/// so the panes of a first frame load side by side however long each takes.
#[derive(Default)]
pub struct Queue {
    jobs: Mutex<Pending>,
    ready: Condvar,
}

/// What the queue's lock guards.
#[derive(Default)]
struct Pending {
    jobs: VecDeque<Waiting>,
    closed: bool,
}

impl Queue {
    fn lock(&self) -> MutexGuard<'_, Pending> {
        // A thread that panicked mid-job left the list itself whole.
        self.jobs.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds a job; a read replaces one for the same slot that no thread has taken yet
    /// (the latest request wins). Writes are all kept, in order.
    fn push(&self, job: Job, generation: u64) {
        let mut q = self.lock();
        let same = |w: &&mut Waiting| !job.write && !w.write && w.slot == job.slot;
        if let Some(w) = q.jobs.iter_mut().find(|w| same(w)) {
            w.generation = generation;
            w.run = job.run;
        } else {
            q.jobs.push_back(Waiting {
                slot: job.slot,
                generation,
                write: job.write,
                run: job.run,
            });
        }
        drop(q);
        self.ready.notify_all();
    }

    /// The next job this thread may run (the writer runs any; the others only reads), or
    /// None after `wait` with nothing to do; Err once the app has gone.
    fn take(
        &self,
        writer: bool,
        wait: Option<Duration>,
    ) -> std::result::Result<Option<Waiting>, ()> {
        let mut q = self.lock();
        loop {
            if q.closed {
                return Err(());
            }
            if let Some(i) = q.jobs.iter().position(|w| writer || !w.write) {
                return Ok(q.jobs.remove(i));
            }
            match wait {
                Some(d) => {
                    let (guard, timeout) = self
                        .ready
                        .wait_timeout(q, d)
                        .unwrap_or_else(PoisonError::into_inner);
                    q = guard;
                    if timeout.timed_out() {
                        return Ok(None);
                    }
                }
                None => q = self.ready.wait(q).unwrap_or_else(PoisonError::into_inner),
            }
        }
    }

    /// Tells the threads to stop.
    fn close(&self) {
        self.lock().closed = true;
        self.ready.notify_all();
    }
}

/// Where jobs run.
pub enum Worker {
    /// On the caller's thread, on the app's own store (deterministic, for tests).
    Inline,
    /// On threads owning connections of their own to the same file: the first takes every
    /// write and watches for other processes' writes; any free thread takes the next read.
    Thread {
        /// The jobs waiting.
        queue: Arc<Queue>,
        /// Results.
        rx: Receiver<Done>,
    },
}

impl Worker {
    /// A worker thread per store (connections to one file); the first takes the writes and
    /// polls for other processes' writes every `poll`.
    pub fn spawn(stores: Vec<Store>, poll: Duration) -> Worker {
        let (done, rx) = channel::<Done>();
        let queue = Arc::new(Queue::default());
        for (i, store) in stores.into_iter().enumerate() {
            let (queue, done) = (Arc::clone(&queue), done.clone());
            // Only the writer's connection watches: the readers would see its writes
            // as another process's.
            let watch = (i == 0).then_some(poll);
            std::thread::spawn(move || run(store, &queue, done, watch));
        }
        Worker::Thread { queue, rx }
    }

    /// Sends a job (inline: runs it now and returns its result).
    pub fn submit(&self, store: &mut Store, job: Job, generation: u64) -> Option<Done> {
        match self {
            Worker::Inline => Some(Done::Loaded {
                slot: job.slot,
                generation,
                result: (job.run)(store),
            }),
            Worker::Thread { queue, .. } => {
                queue.push(job, generation);
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

impl Drop for Worker {
    fn drop(&mut self) {
        match self {
            Worker::Inline => {}
            Worker::Thread { queue, .. } => queue.close(),
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

/// One thread's loop: take a job, run it, send the result; the writer (`watch` set) also
/// looks for other processes' writes whenever it has been idle for `watch`.
fn run(mut store: Store, queue: &Queue, done: Sender<Done>, watch: Option<Duration>) {
    yield_to_input();
    let mut seen = store.data_version().ok();
    loop {
        let job = match queue.take(watch.is_some(), watch) {
            Err(()) => return,
            Ok(Some(job)) => job,
            Ok(None) => {
                let v = store.data_version().ok();
                if v != seen {
                    seen = v;
                    if done.send(Done::Changed).is_err() {
                        return;
                    }
                }
                continue;
            }
        };
        // Writes go through this connection, so they never look like another process's.
        let started = std::time::Instant::now();
        let result = (job.run)(&mut store);
        let slot = job.slot;
        tracing::debug!(%slot, ms = started.elapsed().as_millis() as u64, "job done");
        let loaded = Done::Loaded {
            slot,
            generation: job.generation,
            result,
        };
        if done.send(loaded).is_err() {
            return;
        }
    }
}
