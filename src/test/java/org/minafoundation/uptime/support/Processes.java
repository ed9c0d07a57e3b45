package org.minafoundation.uptime.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the tests ask of the operating system's processes. */
public final class Processes {

    private Processes() {
    }

    /** Not running (a killed process nobody reaped yet, a zombie, counts as gone). */
    public static boolean gone(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
            } catch (IOException e) {
                return true;
            }
        }
        return true;
    }
}
