package org.torchplan.client.cli;

import picocli.CommandLine;

/** The version stamped into the jar's manifest at packaging time. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"torchplan client " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version")};
    }
}
