package imageopt.vips;

/**
 * The libvips enums the engine uses. Every number is the one in the pinned 8.18.7 headers
 * (resample.h, conversion.h, foreign.h, image.h, colour.h); VipsEnumsHeaderTest checks each
 * against those headers, so a wrong value fails the build instead of silently changing output.
 */
public final class VipsEnums {
    private VipsEnums() {}

    /** resample.h: VipsSize, how thumbnail may change the size. */
    public enum Size implements VipsEnum {
        BOTH(0), UP(1), DOWN(2), FORCE(3);
        private final int value;
        Size(int value) { this.value = value; }
        public String typeName() { return "VipsSize"; }
        public String cName() { return "VIPS_SIZE_" + name(); }
        public int value() { return value; }
    }

    /** conversion.h: VipsInteresting, how thumbnail and smartcrop pick the crop. */
    public enum Interesting implements VipsEnum {
        NONE(0), CENTRE(1), ENTROPY(2), ATTENTION(3), LOW(4), HIGH(5), ALL(6);
        private final int value;
        Interesting(int value) { this.value = value; }
        public String typeName() { return "VipsInteresting"; }
        public String cName() { return "VIPS_INTERESTING_" + name(); }
        public int value() { return value; }
    }

    /** conversion.h: VipsCompassDirection, where gravity places an image in a larger canvas. */
    public enum CompassDirection implements VipsEnum {
        CENTRE(0), NORTH(1), EAST(2), SOUTH(3), WEST(4), NORTH_EAST(5), SOUTH_EAST(6), SOUTH_WEST(7), NORTH_WEST(8);
        private final int value;
        CompassDirection(int value) { this.value = value; }
        public String typeName() { return "VipsCompassDirection"; }
        public String cName() { return "VIPS_COMPASS_DIRECTION_" + name(); }
        public int value() { return value; }
    }

    /** conversion.h: VipsExtend, how new pixels are made when a canvas grows. */
    public enum Extend implements VipsEnum {
        BLACK(0), COPY(1), REPEAT(2), MIRROR(3), WHITE(4), BACKGROUND(5);
        private final int value;
        Extend(int value) { this.value = value; }
        public String typeName() { return "VipsExtend"; }
        public String cName() { return "VIPS_EXTEND_" + name(); }
        public int value() { return value; }
    }

    /** image.h: VipsAccess; sequential lets loaders stream. */
    public enum Access implements VipsEnum {
        RANDOM(0), SEQUENTIAL(1);
        private final int value;
        Access(int value) { this.value = value; }
        public String typeName() { return "VipsAccess"; }
        public String cName() { return "VIPS_ACCESS_" + name(); }
        public int value() { return value; }
    }

    /** foreign.h: VipsFailOn, how much damage a loader tolerates. */
    public enum FailOn implements VipsEnum {
        NONE(0), TRUNCATED(1), ERROR(2), WARNING(3);
        private final int value;
        FailOn(int value) { this.value = value; }
        public String typeName() { return "VipsFailOn"; }
        public String cName() { return "VIPS_FAIL_ON_" + name(); }
        public int value() { return value; }
    }

    /** foreign.h: VipsForeignKeep flags, which metadata a saver writes. */
    public enum Keep implements VipsEnum {
        NONE(0), EXIF(1), XMP(2), IPTC(4), ICC(8), OTHER(16), GAINMAP(32);
        private final int value;
        Keep(int value) { this.value = value; }
        public String typeName() { return "VipsForeignKeep"; }
        public String cName() { return "VIPS_FOREIGN_KEEP_" + name(); }
        public int value() { return value; }
        public boolean isFlags() { return true; }
    }

    /** foreign.h: VipsForeignSubsample, chroma subsampling for JPEG and HEIF/AVIF. */
    public enum Subsample implements VipsEnum {
        AUTO(0), ON(1), OFF(2);
        private final int value;
        Subsample(int value) { this.value = value; }
        public String typeName() { return "VipsForeignSubsample"; }
        public String cName() { return "VIPS_FOREIGN_SUBSAMPLE_" + name(); }
        public int value() { return value; }
    }

    /** foreign.h: VipsForeignHeifCompression; AV1 makes AVIF. */
    public enum HeifCompression implements VipsEnum {
        HEVC(1), AVC(2), JPEG(3), AV1(4);
        private final int value;
        HeifCompression(int value) { this.value = value; }
        public String typeName() { return "VipsForeignHeifCompression"; }
        public String cName() { return "VIPS_FOREIGN_HEIF_COMPRESSION_" + name(); }
        public int value() { return value; }
    }

    /** foreign.h: VipsForeignWebpPreset, libwebp's presets (filter strength, sharpness, noise shaping). */
    public enum WebpPreset implements VipsEnum {
        DEFAULT(0), PICTURE(1), PHOTO(2), DRAWING(3), ICON(4), TEXT(5);
        private final int value;
        WebpPreset(int value) { this.value = value; }
        public String typeName() { return "VipsForeignWebpPreset"; }
        public String cName() { return "VIPS_FOREIGN_WEBP_PRESET_" + name(); }
        public int value() { return value; }
    }

    /** foreign.h: VipsForeignPngFilter flags. */
    public enum PngFilter implements VipsEnum {
        NONE(0x08), SUB(0x10), UP(0x20), AVG(0x40), PAETH(0x80), ALL(0xF8);
        private final int value;
        PngFilter(int value) { this.value = value; }
        public String typeName() { return "VipsForeignPngFilter"; }
        public String cName() { return "VIPS_FOREIGN_PNG_FILTER_" + name(); }
        public int value() { return value; }
        public boolean isFlags() { return true; }
    }

    /** image.h: VipsInterpretation, what the bands mean. */
    public enum Interpretation implements VipsEnum {
        MULTIBAND(0), B_W(1), CMYK(15), RGB(17), sRGB(22), RGB16(25), GREY16(26), scRGB(28);
        private final int value;
        Interpretation(int value) { this.value = value; }
        public String typeName() { return "VipsInterpretation"; }
        public String cName() { return "VIPS_INTERPRETATION_" + name(); }
        public int value() { return value; }
    }

    /** image.h: VipsBandFormat, the numeric type of a band. */
    public enum BandFormat implements VipsEnum {
        UCHAR(0), CHAR(1), USHORT(2), SHORT(3), UINT(4), INT(5), FLOAT(6), COMPLEX(7), DOUBLE(8), DPCOMPLEX(9);
        private final int value;
        BandFormat(int value) { this.value = value; }
        public String typeName() { return "VipsBandFormat"; }
        public String cName() { return "VIPS_FORMAT_" + name(); }
        public int value() { return value; }
    }

    /** colour.h: VipsIntent, the ICC rendering intent. */
    public enum Intent implements VipsEnum {
        PERCEPTUAL(0), RELATIVE(1), SATURATION(2), ABSOLUTE(3), AUTO(32);
        private final int value;
        Intent(int value) { this.value = value; }
        public String typeName() { return "VipsIntent"; }
        public String cName() { return "VIPS_INTENT_" + name(); }
        public int value() { return value; }
    }

    /** conversion.h: VipsAngle, quarter turns for rot. */
    public enum Angle implements VipsEnum {
        D0(0), D90(1), D180(2), D270(3);
        private final int value;
        Angle(int value) { this.value = value; }
        public String typeName() { return "VipsAngle"; }
        public String cName() { return "VIPS_ANGLE_" + name(); }
        public int value() { return value; }
    }

    /** conversion.h: VipsDirection, for flip. */
    public enum Direction implements VipsEnum {
        HORIZONTAL(0), VERTICAL(1);
        private final int value;
        Direction(int value) { this.value = value; }
        public String typeName() { return "VipsDirection"; }
        public String cName() { return "VIPS_DIRECTION_" + name(); }
        public int value() { return value; }
    }
}
