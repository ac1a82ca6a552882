package io.winnow.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version line of the winnow command (the CLI jar carries {@code winnow-version.properties}). */
public final class WinnowVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = WinnowVersion.class.getResourceAsStream("/winnow-version.properties")) {
            if (in != null) p.load(in);
        }
        return new String[] {"winnow " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
