package org.torchplan.client.detect;

/**
 * One place a probe looked (a file, a command) and what it found there, so {@code torchplan detect} can show every
 * probe tried, including those that found nothing.
 *
 * @param probe   {@code NVIDIA}, {@code AMD} or {@code Intel}
 * @param source  the file, directory or command line looked at
 * @param finding what came of it, in plain words ("not present", "driver 570.86.10")
 */
public record ProbeAttempt(String probe, String source, String finding) {
}
