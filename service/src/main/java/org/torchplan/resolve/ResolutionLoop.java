package org.torchplan.resolve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The backtracking loop of resolvelib 1.0.1 (the one pip 23.2 vendors), rewritten: each round pins one identifier,
 * the least by the provider's preference, to its first candidate whose dependencies fit; when none fits it backjumps
 * to the latest state whose pin brought in one of the conflicting requirements, remembers that pin as incompatible
 * and goes on from there. Doing exactly these steps is what makes the choice among several valid environments the
 * one pip makes.
 */
final class ResolutionLoop {

    /** pip's limit; a resolution this long is a pathological index, reported as impossible. */
    static final int MAX_ROUNDS = 200_000;

    /** All that is known about one identifier: its candidates still possible, why it is needed, what failed. */
    record Criterion(List<Candidate> candidates, List<Need.Information> information, List<Candidate> incompatibilities) {
        List<Need> needs() {
            List<Need> needs = new ArrayList<>(information.size());
            for (Need.Information entry : information) {
                needs.add(entry.need());
            }
            return needs;
        }
    }

    /** Pins and criteria after a round; each round works on a copy so that backjumping can return to it. */
    static final class State {
        final LinkedHashMap<String, Candidate> mapping;
        final LinkedHashMap<String, Criterion> criteria;
        final List<Need.Information> backtrackCauses;

        State(LinkedHashMap<String, Candidate> mapping, LinkedHashMap<String, Criterion> criteria,
                List<Need.Information> backtrackCauses) {
            this.mapping = mapping;
            this.criteria = criteria;
            this.backtrackCauses = backtrackCauses;
        }

        State copy() {
            return new State(new LinkedHashMap<>(mapping), new LinkedHashMap<>(criteria),
                    new ArrayList<>(backtrackCauses));
        }
    }

    /** No candidate of an identifier fits: its criterion says which requirements were on it. */
    static final class Conflicted extends Exception {
        final Criterion criterion;

        Conflicted(Criterion criterion) {
            super(null, null, false, false);
            this.criterion = criterion;
        }
    }

    /** The resolution failed; {@code causes} are the requirements that could not be met together. */
    static final class Impossible extends Exception {
        final List<Need.Information> causes;
        final State lastState;

        Impossible(List<Need.Information> causes, State lastState) {
            super(null, null, false, false);
            this.causes = List.copyOf(causes);
            this.lastState = lastState;
        }
    }

    private final PipProvider provider;
    private final List<State> states = new ArrayList<>();
    /** The state whose pin failed last: its criteria still say who required what, for the failure's message. */
    private State failedState;

    ResolutionLoop(PipProvider provider) {
        this.provider = provider;
    }

    private State state() {
        return states.get(states.size() - 1);
    }

    State resolve(List<Need> roots) throws Impossible {
        states.add(new State(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>()));
        for (Need root : roots) {
            try {
                addToCriteria(state().criteria, root, null);
            } catch (Conflicted conflicted) {
                throw new Impossible(conflicted.criterion.information(), state());
            }
        }
        pushNewState();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<String> unsatisfied = new ArrayList<>();
            for (Map.Entry<String, Criterion> entry : state().criteria.entrySet()) {
                if (!isCurrentPinSatisfying(entry.getKey(), entry.getValue())) {
                    unsatisfied.add(entry.getKey());
                }
            }
            if (unsatisfied.isEmpty()) {
                return state();
            }
            Set<String> satisfied = new HashSet<>(state().criteria.keySet());
            satisfied.removeAll(unsatisfied);
            String name = leastPreferred(unsatisfied);
            List<Criterion> failures = attemptToPin(name);
            if (!failures.isEmpty()) {
                List<Need.Information> causes = new ArrayList<>();
                for (Criterion failure : failures) {
                    causes.addAll(failure.information());
                }
                failedState = state();
                boolean success = backjump(causes);
                state().backtrackCauses.clear();
                state().backtrackCauses.addAll(causes);
                if (!success) {
                    throw new Impossible(causes, failedState);
                }
            } else {
                Set<String> newlyUnsatisfied = new HashSet<>();
                for (Map.Entry<String, Criterion> entry : state().criteria.entrySet()) {
                    if (satisfied.contains(entry.getKey())
                            && !isCurrentPinSatisfying(entry.getKey(), entry.getValue())) {
                        newlyUnsatisfied.add(entry.getKey());
                    }
                }
                removeInformationFrom(state().criteria, newlyUnsatisfied);
                pushNewState();
            }
        }
        throw new Impossible(state().backtrackCauses, state());
    }

    /** Python's {@code min}: every key is computed in order (each updates the known depths), the first least wins. */
    private String leastPreferred(List<String> unsatisfied) {
        String least = null;
        PipProvider.Preference leastPreference = null;
        for (String identifier : unsatisfied) {
            PipProvider.Preference preference = provider.preference(identifier,
                    state().criteria.get(identifier).information(), state().backtrackCauses);
            if (leastPreference == null || preference.compareTo(leastPreference) < 0) {
                least = identifier;
                leastPreference = preference;
            }
        }
        return least;
    }

    private void pushNewState() {
        states.add(state().copy());
    }

    private static Function<String, List<Need>> needsOf(Map<String, Criterion> criteria, String appendedTo,
            Need appended) {
        return identifier -> {
            Criterion criterion = criteria.get(identifier);
            List<Need> needs = criterion == null ? new ArrayList<>() : criterion.needs();
            if (identifier.equals(appendedTo)) {
                needs.add(appended);
            }
            return needs;
        };
    }

    private void addToCriteria(Map<String, Criterion> criteria, Need need, Candidate parent) throws Conflicted {
        String identifier = need.identifier();
        Criterion existing = criteria.get(identifier);
        List<Candidate> incompatibilities = existing == null ? new ArrayList<>()
                : new ArrayList<>(existing.incompatibilities());
        List<Candidate> matches = provider.findMatches(identifier, needsOf(criteria, identifier, need),
                new HashSet<>(incompatibilities));
        List<Need.Information> information = existing == null ? new ArrayList<>()
                : new ArrayList<>(existing.information());
        information.add(new Need.Information(need, parent));
        Criterion criterion = new Criterion(matches, information, incompatibilities);
        if (matches.isEmpty()) {
            throw new Conflicted(criterion);
        }
        criteria.put(identifier, criterion);
    }

    private boolean isCurrentPinSatisfying(String identifier, Criterion criterion) {
        Candidate pin = state().mapping.get(identifier);
        if (pin == null) {
            return false;
        }
        for (Need.Information entry : criterion.information()) {
            if (!entry.need().isSatisfiedBy(pin)) {
                return false;
            }
        }
        return true;
    }

    private LinkedHashMap<String, Criterion> updatedCriteria(Candidate candidate) throws Conflicted {
        LinkedHashMap<String, Criterion> criteria = new LinkedHashMap<>(state().criteria);
        for (Need need : provider.dependencies(candidate)) {
            addToCriteria(criteria, need, candidate);
        }
        return criteria;
    }

    private List<Criterion> attemptToPin(String identifier) {
        Criterion criterion = state().criteria.get(identifier);
        List<Criterion> causes = new ArrayList<>();
        for (Candidate candidate : criterion.candidates()) {
            LinkedHashMap<String, Criterion> criteria;
            try {
                criteria = updatedCriteria(candidate);
            } catch (Conflicted conflicted) {
                causes.add(conflicted.criterion);
                continue;
            }
            for (Need.Information entry : criterion.information()) {
                if (!entry.need().isSatisfiedBy(candidate)) {
                    throw new IllegalStateException("candidate " + candidate + " does not satisfy " + entry.need().describe());
                }
            }
            state().criteria.putAll(criteria);
            state().mapping.remove(identifier);
            state().mapping.put(identifier, candidate);
            return List.of();
        }
        return causes;
    }

    /**
     * resolvelib 1.0.1's {@code _backjump}: drop the failed state, then drop states until one whose pin depends on
     * a project among the causes; mark that pin incompatible in a fresh copy of the state before it, and carry the
     * incompatibilities the dropped state had learnt. If they leave some identifier with no candidate, go further
     * back.
     */
    private boolean backjump(List<Need.Information> causes) throws Impossible {
        Set<String> incompatibleDependencies = new HashSet<>();
        for (Need.Information cause : causes) {
            if (cause.parent() != null) {
                incompatibleDependencies.add(cause.parent().identifier());
            }
        }
        for (Need.Information cause : causes) {
            incompatibleDependencies.add(cause.need().identifier());
        }
        while (states.size() >= 3) {
            states.remove(states.size() - 1);
            State broken = null;
            String name = null;
            Candidate candidate = null;
            boolean incompatibleState = false;
            while (!incompatibleState) {
                if (states.isEmpty()) {
                    throw new Impossible(causes, failedState);
                }
                broken = states.remove(states.size() - 1);
                if (broken.mapping.isEmpty()) {
                    throw new Impossible(causes, failedState);
                }
                name = lastKey(broken.mapping);
                candidate = broken.mapping.remove(name);
                Set<String> dependencies = new HashSet<>();
                for (Need need : provider.dependencies(candidate)) {
                    dependencies.add(need.identifier());
                }
                incompatibleState = !Collections.disjoint(dependencies, incompatibleDependencies);
            }
            List<Map.Entry<String, List<Candidate>>> learnt = new ArrayList<>();
            for (Map.Entry<String, Criterion> entry : broken.criteria.entrySet()) {
                learnt.add(Map.entry(entry.getKey(), new ArrayList<>(entry.getValue().incompatibilities())));
            }
            List<Candidate> failedPin = new ArrayList<>();
            failedPin.add(candidate);
            learnt.add(Map.entry(name, failedPin));
            pushNewState();
            if (patchCriteria(learnt)) {
                return true;
            }
        }
        return false;
    }

    private boolean patchCriteria(List<Map.Entry<String, List<Candidate>>> learnt) {
        for (Map.Entry<String, List<Candidate>> entry : learnt) {
            String identifier = entry.getKey();
            List<Candidate> incompatibilities = entry.getValue();
            if (incompatibilities.isEmpty()) {
                continue;
            }
            Criterion criterion = state().criteria.get(identifier);
            if (criterion == null) {
                continue;
            }
            Set<Candidate> excluded = new LinkedHashSet<>(criterion.incompatibilities());
            excluded.addAll(incompatibilities);
            List<Candidate> matches = provider.findMatches(identifier, needsOf(state().criteria, null, null), excluded);
            if (matches.isEmpty()) {
                return false;
            }
            incompatibilities.addAll(criterion.incompatibilities());
            state().criteria.put(identifier,
                    new Criterion(matches, new ArrayList<>(criterion.information()), incompatibilities));
        }
        return true;
    }

    /** After a pin, requirements from pins it made unsatisfied no longer count (they will be re-pinned). */
    private void removeInformationFrom(Map<String, Criterion> criteria, Set<String> parents) {
        if (parents.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Criterion> entry : criteria.entrySet()) {
            Criterion criterion = entry.getValue();
            List<Need.Information> kept = new ArrayList<>();
            for (Need.Information information : criterion.information()) {
                if (information.parent() == null || !parents.contains(information.parent().identifier())) {
                    kept.add(information);
                }
            }
            entry.setValue(new Criterion(criterion.candidates(), kept, criterion.incompatibilities()));
        }
    }

    private static String lastKey(LinkedHashMap<String, Candidate> mapping) {
        String last = null;
        for (String key : mapping.keySet()) {
            last = key;
        }
        return last;
    }
}
