package dev.servicemetrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A failure and its causes, outermost first: JAX-RS, JTA, JPA, the pool and the driver each wrap what went wrong
 * in their own exception, so the one that says what happened is found along the chain. A cause that repeats ends it.
 */
public final class CauseChain {

    private final List<Throwable> causes;

    private CauseChain(List<Throwable> causes) {
        this.causes = causes;
    }

    public static CauseChain of(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            causes.add(cause);
        }
        return new CauseChain(List.copyOf(causes));
    }

    public Stream<Throwable> stream() {
        return causes.stream();
    }

    /** The outermost cause of the given type. */
    public <T extends Throwable> Optional<T> first(Class<T> type) {
        return causes.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The innermost cause, the failure itself when it has none. */
    public Throwable root() {
        return causes.get(causes.size() - 1);
    }
}
