package org.torchplan.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.torchplan.packaging.MarkerEnvironment;
import org.torchplan.packaging.Requirement;

/**
 * The requirements of a request sorted for planning: the PyTorch packages (torch first, present whenever any
 * PyTorch package is), each with every requirement that names it, and the other requirements for the second step.
 * Requirements whose marker is false on the target are dropped with an explanation line, as pip drops them.
 */
final class RequestedPackages {

    static final String TORCH = "torch";

    private final Map<String, List<Requirement>> pytorch;
    private final List<Requirement> others;

    private RequestedPackages(Map<String, List<Requirement>> pytorch, List<Requirement> others) {
        this.pytorch = pytorch;
        this.others = others;
    }

    /**
     * @param pytorchPackages the catalog's PyTorch package set (normalized names)
     * @throws UnplannableRequirementException for a direct URL requirement
     */
    static RequestedPackages of(
            List<Requirement> requirements,
            Set<String> pytorchPackages,
            MarkerEnvironment environment,
            List<String> explanation) {
        Map<String, List<Requirement>> pytorch = new LinkedHashMap<>();
        pytorch.put(TORCH, new ArrayList<>(1));
        List<Requirement> others = new ArrayList<>();
        for (int index = 0; index < requirements.size(); index++) {
            Requirement requirement = requirements.get(index);
            if (requirement.url().isPresent()) {
                throw new UnplannableRequirementException(index, "'" + requirement
                        + "' is a direct URL requirement: a plan pins versions from an index and cannot plan it");
            }
            if (requirement.marker().isPresent() && !requirement.marker().get().evaluate(environment)) {
                explanation.add("'" + requirement + "' is dropped: its marker is false for this machine");
                continue;
            }
            if (pytorchPackages.contains(requirement.normalizedName())) {
                pytorch.computeIfAbsent(requirement.normalizedName(), name -> new ArrayList<>(1)).add(requirement);
            } else {
                others.add(requirement);
            }
        }
        if (pytorch.size() == 1 && pytorch.get(TORCH).isEmpty()) {
            pytorch.clear(); // no PyTorch package asked for on this machine: nothing to plan from the PyTorch index
        } else if (pytorch.get(TORCH).isEmpty()) {
            explanation.add("torch is planned too: every PyTorch package is built against one exact torch");
        }
        return new RequestedPackages(pytorch, others);
    }

    /** Whether any PyTorch package is asked for (then torch is among them). */
    boolean hasPytorchPackages() {
        return !pytorch.isEmpty();
    }

    /** The PyTorch package names, torch first; empty when none is asked for. */
    Set<String> pytorchNames() {
        return pytorch.keySet();
    }

    /** The PyTorch packages besides torch. */
    List<String> companions() {
        List<String> companions = new ArrayList<>(pytorch.keySet());
        companions.remove(TORCH);
        return companions;
    }

    List<Requirement> requirementsFor(String name) {
        return pytorch.get(name);
    }

    List<Requirement> others() {
        return others;
    }

    /** The extras asked for a package across its requirements, in order, without repeats. */
    Set<String> extrasFor(String name) {
        Set<String> extras = new LinkedHashSet<>();
        for (Requirement requirement : pytorch.get(name)) {
            extras.addAll(requirement.extras());
        }
        return extras;
    }

    /** The requirements of a package as one readable constraint ({@code torch>=2.4,<2.10}), or the bare name. */
    String describe(String name) {
        StringBuilder text = new StringBuilder(name);
        boolean first = true;
        for (Requirement requirement : pytorch.get(name)) {
            if (!requirement.specifier().isEmpty()) {
                text.append(first ? "" : ",").append(requirement.specifier());
                first = false;
            }
        }
        return text.toString();
    }
}
