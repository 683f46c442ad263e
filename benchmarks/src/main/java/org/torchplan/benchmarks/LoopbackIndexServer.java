package org.torchplan.benchmarks;

import java.io.IOException;
import org.torchplan.testsupport.LoopbackWheelIndex;

/**
 * The service tests' loopback wheel index as a process, for the side-by-side benchmark against pip: the recorded
 * pages of the stable backends in the service's test resources, each wheel link served as a generated wheel with
 * PEP 658 metadata. Prints {@code <index root URL>} (stands in for https://download.pytorch.org/whl) on one line,
 * then serves until its standard input closes or it is stopped.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.torchplan.benchmarks.LoopbackIndexServer}
 */
public final class LoopbackIndexServer {

    private LoopbackIndexServer() {
    }

    public static void main(String[] arguments) throws IOException {
        try (LoopbackWheelIndex index = LoopbackWheelIndex.start()) {
            System.out.println(index.indexRootUrl());
            System.out.flush();
            while (System.in.read() != -1) {
                // serve until the caller closes the pipe (or stops the process)
            }
        }
    }
}
