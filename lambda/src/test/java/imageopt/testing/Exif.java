package imageopt.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Privacy-laden metadata as cameras and editors write it: EXIF with a camera make, an
 * orientation and a GPS position; XMP; IPTC (Photoshop APP13); a comment; an ICC profile (Display P3).
 */
public final class Exif {
    /** The GPS latitude written: 43 deg 18 min 12.34 s N. */
    public static final String LATITUDE_TEXT = "43";

    private Exif() {}

    /** A big-endian TIFF structure: IFD0 (Make, Orientation, GPS pointer) and a GPS IFD (latitude). */
    public static byte[] tiffWithGps(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(112);
        b.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        b.putShort((short) 3);
        entry(b, 0x010F, 2, 8, 50);                 // Make, ASCII[8] at 50
        entry(b, 0x0112, 3, 1, orientation << 16);  // Orientation, SHORT inline
        entry(b, 0x8825, 4, 1, 58);                 // GPS IFD at 58
        b.putInt(0);
        b.put("TestCam\0".getBytes(StandardCharsets.ISO_8859_1));
        b.putShort((short) 2);
        entry(b, 0x0001, 2, 2, 'N' << 24);           // GPSLatitudeRef "N"
        entry(b, 0x0002, 5, 3, 88);                 // GPSLatitude, 3 RATIONAL at 88
        b.putInt(0);
        b.putInt(43).putInt(1).putInt(18).putInt(1).putInt(1234).putInt(100);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    /** Inserts, right after SOI: APP1 EXIF (with GPS), APP1 XMP, APP13 IPTC, COM, APP2 ICC marker. */
    public static byte[] jpegWithPrivacyMetadata(byte[] jpeg, int orientation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        segment(out, 0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiffWithGps(orientation)));
        segment(out, 0xE1, concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1),
                "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF/><creator>Jane Doe</creator></x:xmpmeta>".getBytes(StandardCharsets.UTF_8)));
        segment(out, 0xED, "Photoshop 3.0\08BIM\4\4\0\0\0\0\0\12By-line Jane".getBytes(StandardCharsets.ISO_8859_1));
        segment(out, 0xFE, "shot at 12 Secret Street".getBytes(StandardCharsets.ISO_8859_1));
        // a real profile (libvips' Display P3): a stripped original keeps only a valid one
        segment(out, 0xE2, concat("ICC_PROFILE\0\1\1".getBytes(StandardCharsets.ISO_8859_1), TestImages.builtInProfile("p3")));
        int skip = 2;
        out.write(jpeg, skip, jpeg.length - skip);
        return out.toByteArray();
    }

    public static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xFF);
        out.writeBytes(payload);
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Whether {@code needle} occurs in {@code hay}. */
    public static boolean contains(byte[] hay, String needle) {
        return new String(hay, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
