package org.torchplan.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded mutations of a valid request (a JSON body or a raw query string): byte and bit flips, truncation,
 * duplicated and deleted slices, unicode (valid, malformed, surrogates, overlong), huge numbers, deep nesting and
 * spliced tokens. The same seed gives the same cases, so a failure names the case to replay.
 */
final class RequestMutator {

    private static final byte[][] UNICODE = {
        utf8("\u0000"), utf8("\u00e9"), utf8("\u202e"), utf8("\ufeff"), utf8("\ud83d\ude00"), utf8("\u0130"),
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a lone surrogate, as CESU-8 writes it
        {(byte) 0xc3, 0x28}, {(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80},
        utf8("\\ud800"), utf8("\\u0000"), utf8("%ED%A0%80"), utf8("%C0%AF"), utf8("%FF"), utf8("%00"),
    };

    private static final String[] NUMBERS = {"1e999999999", "-0", "123456789012345678901234567890123", "NaN",
        "-Infinity", "0x10", "9".repeat(3000), "1.0e-99999", "2.999999999999999999999"};

    private final String[] tokens;
    private final Random random;

    /** @param tokens the pieces of the request's own language to splice in (JSON tokens, query pieces) */
    RequestMutator(long seed, String... tokens) {
        this.random = new Random(seed);
        this.tokens = tokens;
    }

    Random random() {
        return random;
    }

    byte[] mutate(byte[] seed) {
        byte[] mutated = seed;
        // one mutation mostly, so that many cases stay close enough to valid to reach the parser and the planner
        for (int operations = random.nextInt(3) == 0 ? 2 + random.nextInt(2) : 1; operations > 0; operations--) {
            mutated = once(mutated);
        }
        return mutated;
    }

    private byte[] once(byte[] input) {
        if (input.length == 0) {
            return utf8(tokens[random.nextInt(tokens.length)]);
        }
        int at = random.nextInt(input.length);
        return switch (random.nextInt(9)) {
            case 0 -> {
                byte[] flipped = input.clone();
                flipped[at] = (byte) random.nextInt(256);
                yield flipped;
            }
            case 1 -> {
                byte[] flipped = input.clone();
                flipped[at] ^= (byte) (1 << random.nextInt(8));
                yield flipped;
            }
            case 2 -> Arrays.copyOf(input, at);
            case 3 -> {
                int end = at + random.nextInt(input.length - at) + 1;
                yield insert(input, random.nextInt(input.length + 1), Arrays.copyOfRange(input, at, end));
            }
            case 4 -> {
                int end = at + random.nextInt(Math.min(16, input.length - at)) + 1;
                yield concat(Arrays.copyOf(input, at), Arrays.copyOfRange(input, end, input.length));
            }
            case 5 -> insert(input, at, UNICODE[random.nextInt(UNICODE.length)]);
            case 6 -> insert(input, at, utf8(NUMBERS[random.nextInt(NUMBERS.length)]));
            case 7 -> {
                int depth = 1 + random.nextInt(random.nextBoolean() ? 8 : 3000);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                yield insert(input, at, utf8(open.repeat(depth)));
            }
            default -> insert(input, at, utf8(tokens[random.nextInt(tokens.length)]));
        };
    }

    private static byte[] insert(byte[] input, int at, byte[] piece) {
        return concat(concat(Arrays.copyOf(input, at), piece), Arrays.copyOfRange(input, at, input.length));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream(first.length + second.length);
        joined.writeBytes(first);
        joined.writeBytes(second);
        return joined.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A byte string shown in a failure message: printable ASCII as is, everything else as {@code \xNN}. */
    static String show(byte[] bytes) {
        StringBuilder shown = new StringBuilder();
        for (int index = 0; index < bytes.length && index < 400; index++) {
            int value = bytes[index] & 0xff;
            shown.append(value >= 0x20 && value < 0x7f ? String.valueOf((char) value)
                    : String.format("\\x%02x", value));
        }
        return bytes.length > 400 ? shown + "..." : shown.toString();
    }
}
