package app.rapport.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a tar stream (docker-save image tar, and its gzipped layers) into name → content. The
 * JDK has no tar reader; this handles what Jib writes: ustar entries with PAX long names.
 */
final class ImageTar {

    private ImageTar() {
    }

    static Map<String, byte[]> read(InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String paxPath = null;
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512) {
            if (isZero(header)) {
                break;
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
            char type = (char) header[156];
            byte[] content = in.readNBytes((int) size);
            long pad = (512 - size % 512) % 512;
            in.readNBytes((int) pad);
            if (type == 'x') {
                paxPath = paxValue(content, "path");
                continue;
            }
            if (type == 'L') {
                paxPath = new String(content, StandardCharsets.UTF_8).replace("\0", "");
                continue;
            }
            if (paxPath != null) {
                name = paxPath;
                paxPath = null;
            }
            if (type == '5') {
                name = name.endsWith("/") ? name : name + "/";
            }
            entries.put(name, content);
        }
        return entries;
    }

    static Map<String, byte[]> readGzipped(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return read(in);
        }
    }

    private static String paxValue(byte[] content, String key) {
        // Records: "<len> <key>=<value>\n"
        for (String record : new String(content, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith(key + "=", space + 1)) {
                return record.substring(space + 2 + key.length());
            }
        }
        return null;
    }

    private static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
