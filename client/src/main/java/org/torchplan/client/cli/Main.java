package org.torchplan.client.cli;

/** Entry point of the torchplan command line (placeholder until the client issue lands). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("torchplan client");
    }
}
