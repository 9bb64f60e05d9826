package imageopt.contract;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 as the contract needs it: Unicode's table 3-7 spelled out, and node's way of encoding text. */
final class Utf8 {
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private Utf8() {
    }

    /** Well-formed per Unicode table 3-7: no overlong form, surrogate, or code point past U+10FFFF. Bytes held a char per byte. */
    static boolean isWellFormed(String bytes) {
        int n = bytes.length();
        for (int i = 0; i < n; ) {
            int b = bytes.charAt(i);
            int need, lo = 0x80, hi = 0xBF;
            if (b < 0x80) {
                i++;
                continue;
            } else if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                if (b == 0xE0) lo = 0xA0;
                if (b == 0xED) hi = 0x9F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                if (b == 0xF0) lo = 0x90;
                if (b == 0xF4) hi = 0x8F;
            } else {
                return false;
            }
            if (i + need >= n) { // truncated at the end
                return false;
            }
            for (int k = 1; k <= need; k++) {
                int c = bytes.charAt(i + k);
                if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
    }

    /**
     * Text as UTF-8 the way node's {@code update(text, 'utf8')} does it: a lone surrogate becomes
     * U+FFFD (Java's {@code getBytes} would write {@code ?}), so both sign the same bytes.
     */
    static byte[] encode(String text) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(REPLACEMENT);
        try {
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(text));
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("cannot happen with REPLACE", e);
        }
    }
}
