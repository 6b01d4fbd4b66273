package io.reelstream.udfs.recs;

import io.reelstream.schemas.events.CatalogRecord;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Rolls episodes up to their series (members are recommended shows, not episodes). Keyed by title
 * id on both inputs: the catalog input stores the title's show id, interactions leave with it. A
 * title the catalog has not described yet is treated as its own show (a movie). State holds one
 * string per catalog title and is replaced by newer catalog versions.
 */
public class ShowRollupFunction
        extends KeyedCoProcessFunction<String, TitleInteraction, CatalogRecord, Interaction> {

    private static final long serialVersionUID = 1L;

    private transient ValueState<String> showOfTitle;

    @Override
    public void open(OpenContext openContext) {
        showOfTitle =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("show-of-title", Types.STRING));
    }

    @Override
    public void processElement1(
            TitleInteraction interaction, Context ctx, Collector<Interaction> out)
            throws Exception {
        String show = showOfTitle.value();
        out.collect(
                new Interaction(
                        Interaction.CURRENT_VERSION,
                        interaction.userId(),
                        show != null ? show : interaction.titleId(),
                        interaction.weight(),
                        interaction.eventTime(),
                        interaction.progress(),
                        show != null && !show.equals(interaction.titleId())));
    }

    @Override
    public void processElement2(CatalogRecord title, Context ctx, Collector<Interaction> out)
            throws Exception {
        showOfTitle.update(title.showId());
    }
}
