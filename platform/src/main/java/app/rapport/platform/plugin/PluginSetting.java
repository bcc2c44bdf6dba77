package app.rapport.platform.plugin;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/** A clinic's switch for one plugin; a plugin with no row is on. */
@MappedEntity("plugin_setting")
public record PluginSetting(@EmbeddedId Key key, boolean enabled, String changedBy, Instant changedAt) {

    /** One switch per clinic and plugin. */
    @Embeddable
    public record Key(@MappedProperty("clinic_id") String clinicId, @MappedProperty("plugin_name") String pluginName) {
    }
}
