package app.rapport.platform.plugin;

import app.rapport.platform.domain.DomainException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Every plugin the service loaded, and which of them each clinic switched off. */
@Singleton
public class PluginRegistry {

    private final List<RapportPlugin> plugins;
    private final PluginSettingRepository switches;
    private final Clock clock;

    public PluginRegistry(List<RapportPlugin> plugins, PluginSettingRepository switches, Clock clock) {
        this.clock = clock;
        this.plugins = plugins.stream().sorted(Comparator.comparing(RapportPlugin::extensionPoint)
                .thenComparing(RapportPlugin::name)).toList();
        this.switches = switches;
    }

    public List<PluginView> list(String clinicId) {
        Map<String, Boolean> settings = settings(clinicId);
        return plugins.stream().map(p -> new PluginView(p.name(), p.extensionPoint(), p.version(),
                PluginJars.source(p), settings.getOrDefault(p.name(), true), p.description())).toList();
    }

    /** The plugins among {@code candidates} this clinic has not switched off. */
    public <P extends RapportPlugin> List<P> enabledFor(String clinicId, Collection<P> candidates) {
        Map<String, Boolean> settings = settings(clinicId);
        return candidates.stream().filter(p -> settings.getOrDefault(p.name(), true)).toList();
    }

    public boolean isEnabled(String clinicId, String pluginName) {
        return settings(clinicId).getOrDefault(pluginName, true);
    }

    public PluginView setEnabled(String clinicId, String pluginName, boolean enabled, String changedBy) {
        RapportPlugin plugin = plugins.stream().filter(p -> p.name().equals(pluginName)).findFirst()
                .orElseThrow(() -> DomainException.notFound("Plugin", pluginName));
        switches.record(clinicId, pluginName, enabled, changedBy, clock.instant());
        return new PluginView(plugin.name(), plugin.extensionPoint(), plugin.version(), PluginJars.source(plugin),
                enabled, plugin.description());
    }

    private Map<String, Boolean> settings(String clinicId) {
        return switches.forClinic(clinicId).stream()
                .collect(Collectors.toMap(s -> s.key().pluginName(), PluginSetting::enabled));
    }
}
