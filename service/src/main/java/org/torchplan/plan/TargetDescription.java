package org.torchplan.plan;

import org.torchplan.packaging.Target;

/** The short description of a target used in explanations ("cp312 linux x86_64"). */
final class TargetDescription {

    private TargetDescription() {
    }

    /** The Python as the request named it ({@code cp37}, {@code cp313t}), not the ABI ({@code cp37m}). */
    static String of(Target target) {
        return target.python() + " " + target.os().id() + " " + target.arch().id();
    }
}
