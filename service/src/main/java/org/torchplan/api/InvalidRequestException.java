package org.torchplan.api;

import org.torchplan.system.InvalidField;
import java.util.List;

/** A request with one or more bad fields: answered 400, naming each. */
public final class InvalidRequestException extends RuntimeException {

    private final List<InvalidField> errors;

    public InvalidRequestException(List<InvalidField> errors) {
        super(errors.size() + " invalid field(s)", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new InvalidField(field, message)));
    }

    public List<InvalidField> errors() {
        return errors;
    }
}
