package io.reelstream.udfs.recs;

/**
 * One element of the member side's broadcast input: an item-factor update for the replica, or a
 * show's catalog description. Flink connects one broadcast stream to a keyed stream, so the two
 * side inputs travel as one; exactly one field is set.
 *
 * @param v version of this layout ({@link #CURRENT_VERSION})
 * @param item an update of the item replica, or null
 * @param show a show's catalog description, or null
 */
public record MemberSideBroadcast(int v, ItemFactorUpdate item, CatalogShow show) {

    public static final int CURRENT_VERSION = 1;

    public static MemberSideBroadcast of(ItemFactorUpdate item) {
        return new MemberSideBroadcast(CURRENT_VERSION, item, null);
    }

    public static MemberSideBroadcast of(CatalogShow show) {
        return new MemberSideBroadcast(CURRENT_VERSION, null, show);
    }
}
