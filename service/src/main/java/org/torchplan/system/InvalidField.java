package org.torchplan.system;

/**
 * One bad field of a request, as listed in a 400 problem's {@code errors}.
 *
 * @param field the field's path in the request ({@code requirements[2]}, {@code gpu.driverVersion}, or the query
 *     parameter's name)
 * @param message what is wrong with it and what is accepted
 */
public record InvalidField(String field, String message) {
}
