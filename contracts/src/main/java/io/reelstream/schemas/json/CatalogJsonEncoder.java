package io.reelstream.schemas.json;

import io.reelstream.schemas.events.CatalogRecord;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Writes the {@code catalog} contract, version {@link CatalogRecord#CURRENT_VERSION}. */
public final class CatalogJsonEncoder extends JsonObjectEncoder<CatalogRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    void writeFields(CatalogRecord c, JsonGenerator g) throws IOException {
        g.writeNumberField("v", CatalogRecord.CURRENT_VERSION);
        optional(g, "titleId", c.titleId());
        optional(g, "name", c.name());
        optional(g, "kind", c.kind());
        optional(g, "seriesId", c.seriesId());
        optional(g, "season", c.season());
        optional(g, "episode", c.episode());
        g.writeNumberField("runtimeMs", c.runtimeMs());
        optional(g, "creditsOffsetMs", c.creditsOffsetMs());
        textList(g, "genres", c.genres());
        g.writeNumberField("updatedAt", c.updatedAt());
    }
}
