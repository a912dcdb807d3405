package dev.mlproj.testing;

import java.io.IOException;

/** Process ids for scratch-sweeping tests: one of a process that has ended, one of a process that is alive. */
public final class Pids {

    private Pids() {
    }

    /** The pid of a process that has just ended (a pid is not reused this soon). */
    public static long dead() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        if (ProcessHandle.of(pid).isPresent()) {
            throw new AssertionError("pid " + pid + " is still alive after its process ended");
        }
        return pid;
    }

    /** The pid of a live process other than this one (the one that started the test JVM). */
    public static long aliveOther() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid)
                .orElseThrow(() -> new AssertionError("the test JVM has no parent process"));
    }
}
