//! The sync over SSH against the local sync: 1,000 finished sheets delivered through a real
//! sshd on 127.0.0.1 (the tests' fixture) and `ocop receive`, against the same sheets synced
//! into a local folder. Needs OpenSSH; says so and measures nothing without it.

use std::fs;
use std::io;

use crate::measure::{Bench, Row, median, ms, row, worst};
use crate::ssh_common::Sshd;
use crate::steps::copy_data;

const SHEETS: usize = 1000;

pub fn sync_over_ssh(bench: &Bench) -> io::Result<Vec<Row>> {
    let sshd = Sshd::start().map_err(|why| io::Error::other(format!("skipped: {why}")))?;
    let finished = bench.root.join("ssh-finished");
    let n = SHEETS.to_string();
    let demo = ["demo", "--sheets", &n, "--seed", "11", "--finished", "100"];
    bench.ocop(&finished, &demo)?;
    let (mut local, mut remote) = (Vec::new(), Vec::new());
    for run in 0..bench.runs.min(3) {
        for over_ssh in [false, true] {
            let data = copy_data(bench, &finished, &format!("ssh-data-{run}-{over_ssh}"))?;
            let export = bench.root.join(format!("ssh-export-{run}-{over_ssh}"));
            fs::create_dir_all(&export)?;
            let target = match over_ssh {
                true => sshd.target(&export),
                false => export.to_string_lossy().to_string(),
            };
            let mut cmd = bench.command(&data);
            cmd.env("OCOP_SSH_COMMAND", sshd.ssh_command())
                .env("OCOP_RECEIVE_COMMAND", &bench.bin)
                .args(["--export-dir", &target, "sync"]);
            let started = std::time::Instant::now();
            let out = cmd.output()?;
            let took = ms(started.elapsed());
            if !out.status.success() {
                let err = String::from_utf8_lossy(&out.stdout);
                return Err(io::Error::other(format!("sync to {target}: {err}")));
            }
            match over_ssh {
                true => remote.push(took),
                false => local.push(took),
            }
            fs::remove_dir_all(data)?;
            fs::remove_dir_all(export)?;
        }
    }
    let (r, l) = (median(&remote), median(&local));
    Ok(vec![row(
        &format!("sync {SHEETS} finished sheets over SSH to loopback (into a local folder alike)"),
        format!("{r:.0} ms ({l:.0} ms)"),
        format!("{:.0} ms ({:.0} ms)", worst(&remote), worst(&local)),
        "≤ 2 × local",
        Some(r <= 2.0 * l),
    )])
}
