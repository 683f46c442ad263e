package org.torchplan.system;

/**
 * What {@code /actuator/info} shows under {@code catalog}: the catalog part provides one bean of this type
 * (for example its status as a record: source, snapshot date, fetchedAt, stale entries, index URL).
 * Without such a bean the info endpoint simply has no {@code catalog} entry.
 */
@FunctionalInterface
public interface CatalogInfoSource {

    /** A value the JSON mapper can write (a record or a map), read on every info request: keep it cheap. */
    Object catalogInfo();
}
