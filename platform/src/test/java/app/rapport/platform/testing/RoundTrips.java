package app.rapport.platform.testing;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Every command Connector/J sends to the database while recording, with the thread that sent it:
 * each is one round trip. Installed through the JDBC URL ({@code queryInterceptors}), so it sees what
 * the driver really sends, the COMMIT and the driver's own session statements included.
 */
public final class RoundTrips implements QueryInterceptor {

    /** One command sent to the server. */
    public record Sent(String thread, String sql) {
    }

    private static final Queue<Sent> SENT = new ConcurrentLinkedQueue<>();
    private static volatile boolean recording;

    public static String urlParameter() {
        return "queryInterceptors=" + RoundTrips.class.getName();
    }

    /** {@code props} with its data source's JDBC URL sending through this interceptor, for a test's context. */
    public static Map<String, String> recordedThrough(Map<String, String> props) {
        Map<String, String> recorded = new HashMap<>(props);
        String url = recorded.get("datasources.default.url");
        recorded.put("datasources.default.url", url + (url.contains("?") ? "&" : "?") + urlParameter());
        return recorded;
    }

    public static void start() {
        SENT.clear();
        recording = true;
    }

    public static List<Sent> stop() {
        recording = false;
        return List.copyOf(SENT);
    }

    @Override
    public QueryInterceptor init(MysqlConnection conn, Properties props, Log log) {
        return this;
    }

    @Override
    public <T extends Resultset> T preProcess(Supplier<String> sql, Query interceptedQuery) {
        if (recording) {
            SENT.add(new Sent(Thread.currentThread().getName(), sql.get()));
        }
        return null;
    }

    @Override
    public boolean executeTopLevelOnly() {
        return true;
    }

    @Override
    public void destroy() {
    }

    @Override
    public <T extends Resultset> T postProcess(Supplier<String> sql, Query interceptedQuery, T originalResultSet,
                                               ServerSession serverSession) {
        return null;
    }
}
