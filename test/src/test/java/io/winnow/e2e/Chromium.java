package io.winnow.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium for browser tests: found on the PATH, or installed with apt-get when running as root. */
final class Chromium {
    private Chromium() {}

    static synchronized String path() throws Exception {
        for (String c : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (Files.isExecutable(Path.of(c))) return c;
        }
        if ("root".equals(System.getProperty("user.name"))) {
            io.winnow.core.testing.Processes.run(new ProcessBuilder("bash", "-c",
                    "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)"), 15);
            if (Files.isExecutable(Path.of("/usr/bin/chromium"))) return "/usr/bin/chromium";
        }
        throw new IllegalStateException("Chromium is needed for the report test: sudo apt-get install chromium");
    }
}
