//! Who is acting: the OS account of the process's real user id. Never `$USER`, never a
//! flag (except on a sandbox database, where `--user` plays anyone for demos and tests).

/// The OS account name of the real user id, or `uid:N` when the system has no name for it.
pub fn os_account() -> String {
    // SAFETY: getuid cannot fail and has no preconditions.
    let uid = unsafe { libc::getuid() };
    account_name(uid).unwrap_or_else(|| format!("uid:{uid}"))
}

/// Whether the process runs as root (effective user id 0).
pub fn is_root() -> bool {
    // SAFETY: geteuid cannot fail and has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Under a setgid install (the binary's group differs from the user's), files kefu makes
/// (the database's -wal and -shm among them) are made group-readable and -writable and
/// closed to others, so the next member of staff can open them through kefu too.
pub fn shared_umask() {
    // SAFETY: getgid, getegid and umask cannot fail and have no preconditions.
    unsafe {
        if libc::getegid() != libc::getgid() {
            libc::umask(0o007);
        }
    }
}

/// The name the password database gives `uid`.
fn account_name(uid: libc::uid_t) -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: a zeroed passwd is a valid out-parameter (plain integers and null pointers).
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    loop {
        // SAFETY: every pointer is valid for the call: `pwd` and `found` are locals, and
        // `buf` is a live buffer of the length passed; the strings returned point into
        // `buf`, which outlives their use below.
        let rc =
            unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found) };
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 2, 0);
            continue;
        }
        if rc != 0 || found.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        // SAFETY: pw_name is a NUL-terminated string inside `buf` (see above).
        let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
        return Some(name.to_string_lossy().into_owned()).filter(|n| !n.is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_is_the_real_uids_name_whatever_user_says() {
        // SAFETY: as above.
        let uid = unsafe { libc::getuid() };
        let want = std::fs::read_to_string("/etc/passwd").ok().and_then(|p| {
            p.lines().find_map(|l| {
                let f: Vec<&str> = l.split(':').collect();
                (f.get(2) == Some(&uid.to_string().as_str())).then(|| f[0].to_string())
            })
        });
        if let Some(want) = want {
            assert_eq!(os_account(), want);
        }
        assert_eq!(account_name(0).as_deref(), Some("root"));
        assert_eq!(account_name(4_000_000_000), None);
    }
}
