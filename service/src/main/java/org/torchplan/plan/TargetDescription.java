package org.torchplan.plan;

import org.torchplan.packaging.Target;

/** The short description of a target used in explanations ("cp312 linux x86_64"). */
final class TargetDescription {

    private TargetDescription() {
    }

    static String of(Target target) {
        return target.python().abiTag() + " " + target.os().id() + " " + target.arch().id();
    }
}
