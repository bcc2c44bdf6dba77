package app.rapport.bench;

import app.rapport.local.RapportService;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Growth, measured: for each size of {@code --growth} (10k and 100k rows by default; 1M one flag
 * away), the one clinic's tables are grown to that many rows, all from its one referring partner
 * (so a partner's history grows with them), then a drain of {@code --growth-drain} more events
 * for that partner runs through the services and the list endpoints are timed.
 *
 * <p>Seeding is direct SQL, not events (at today's drain rates 100k events would take longer than
 * the whole run): the clinic's own rows, made by the services during ingest, are copied with fresh
 * ids ({@code INSERT IGNORE … SELECT}, doubling until the size is reached), so the seeded rows
 * have the services' own values and shapes.
 */
final class Growth extends Scenario {

    /** Per service, the tables that grow with a clinic's referrals, and the id columns a copy gets fresh. */
    private static final Map<RapportService, List<String>> TABLES = Map.of(
            RapportService.REFERRALS, List.of("referral", "referral_status_change"),
            RapportService.OUTREACH, List.of("referral_fact", "outreach_task"),
            RapportService.REPORTS, List.of("referral", "report"));
    private static final Set<String> FRESH = Set.of("id", "referral_id", "dedupe_key");

    private final Drain drain;

    Growth(Context c, Drain drain) {
        super(c);
        this.drain = drain;
    }

    void run() throws Exception {
        for (int size : o.growth) {
            long seeding = System.nanoTime();
            Map<String, Long> rows = new LinkedHashMap<>();
            for (var e : TABLES.entrySet()) {
                for (String table : e.getValue()) {
                    rows.put(e.getKey().database() + "." + table, grow(e.getKey(), table, size));
                }
            }
            client.say(String.format(Locale.ROOT, "growth %,d: %s rows of %s after %.1f s of seeding", size, rows,
                    Client.ONE_CLINIC, Client.seconds(seeding)));
            Drain.Outcome out = drain.drain("growth " + size, o.growthDrain, i -> Client.ONE_CLINIC, false);
            Map<String, Latencies> lists = lists();
            results.growth(size, rows, out, lists);
            if (size == o.growth.get(o.growth.size() - 1) && o.profile != BenchOptions.Profile.OFF) {
                boolean met = lists.values().stream().allMatch(l -> l.p50() <= 20);
                results.listProfile(size, met, profileOutreachLists());
            }
        }
    }

    /**
     * JFR on outreach-service (the slowest lists of the recorded runs) over 200 more GETs of each of
     * its two lists at the largest size: 20 timed GETs are too few samples to say where the time goes.
     */
    private List<String> profileOutreachLists() throws Exception {
        String token = client.token(Client.ONE_CLINIC);
        Profiler.Recording rec = profiler.start(platform.servicePid(RapportService.OUTREACH).orElseThrow(),
                "lists-outreach-service");
        for (int i = 0; i < 200; i++) {
            client.get(RapportService.OUTREACH, "/api/v1/tasks?type=THANK_YOU&status=OPEN&page=0&size=20", token);
            client.get(RapportService.OUTREACH, "/api/v1/tasks?overdue=true&page=0&size=20", token);
        }
        return rec.stop();
    }

    /** Copies the clinic's rows of {@code table} with fresh ids until it has {@code size}; returns the count. */
    private long grow(RapportService s, String table, long size) throws SQLException {
        try (Connection c = client.connect(s)) {
            // Auto-increment keys are left to the table; the fresh ids make each copy a new row.
            List<String> cols = new ArrayList<>();
            List<String> exprs = new ArrayList<>();
            for (String col : ServiceStatements.storedColumns(c, table)) {
                if (col.equals("`seq`")) {
                    continue;
                }
                String name = col.replace("`", "");
                cols.add(col);
                exprs.add(!FRESH.contains(name) ? col : name.equals("dedupe_key") ? "CONCAT('seed:', UUID())" : "UUID()");
            }
            String insert = "INSERT IGNORE INTO " + table + " (" + String.join(", ", cols) + ") SELECT "
                    + String.join(", ", exprs) + " FROM " + table + " WHERE clinic_id = ? LIMIT ?";
            long n = countRows(c, table);
            while (n > 0 && n < size) {
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                    ps.setString(1, Client.ONE_CLINIC);
                    ps.setLong(2, Math.min(n, size - n));
                    if (ps.executeUpdate() == 0) {
                        break;
                    }
                }
                n = countRows(c, table);
            }
            return n;
        }
    }

    private static long countRows(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE clinic_id = ?")) {
            ps.setString(1, Client.ONE_CLINIC);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The list endpoints of the big clinic: 25 sequential GETs each, the first 5 discarded. */
    private Map<String, Latencies> lists() throws Exception {
        String token = client.token(Client.ONE_CLINIC);
        Map<String, Latencies> out = new LinkedHashMap<>();
        out.put("outreach GET /tasks?type=THANK_YOU&status=OPEN", timeGets(RapportService.OUTREACH,
                "/api/v1/tasks?type=THANK_YOU&status=OPEN&page=0&size=20", token));
        out.put("outreach GET /tasks?overdue=true", timeGets(RapportService.OUTREACH, "/api/v1/tasks?overdue=true&page=0&size=20", token));
        out.put("reports GET /reports?status=AWAITING_CONSENT", timeGets(RapportService.REPORTS,
                "/api/v1/reports?status=AWAITING_CONSENT&page=0&size=20", token));
        out.put("referrals GET /referrals?direction=RECEIVED", timeGets(RapportService.REFERRALS,
                "/api/v1/referrals?direction=RECEIVED&page=0&size=20", token));
        return out;
    }

    private Latencies timeGets(RapportService s, String path, String token) throws Exception {
        Latencies lat = new Latencies();
        for (int i = 0; i < 25; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = client.get(s, path, token);
            long end = System.nanoTime();
            if (r.statusCode() != 200) {
                client.say(s.moduleName() + " " + path + " answered " + r.statusCode() + ": "
                        + r.body().substring(0, Math.min(200, r.body().length())));
                return new Latencies();
            }
            if (i >= 5) {
                lat.add(end - start);
            }
        }
        return lat;
    }
}
