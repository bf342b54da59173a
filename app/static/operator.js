// Accessible names and valid markup for Flask-AppBuilder's select2 fields.
// Runs after FAB's own set-up (ab.js), which makes the fields.
$(function () {
    // A field of several choices has a remove button on each chosen item;
    // the "clear all" cross FAB asks for would sit inside the list of
    // choices, where only list items belong, so those fields go without it.
    $("select.my_select2[multiple]").each(function () {
        $(this).select2("destroy").select2({theme: "bootstrap"});
    });

    // Select2 shows the chosen value in a "textbox" and takes typing in a
    // search box, neither with a name of its own: name both by the field's
    // label, again whenever select2 redraws the field.
    function nameByLabel(select) {
        var label = document.querySelector('label[for="' + select.id + '"]');
        if (!label) {
            return;
        }
        label.id = label.id || select.id + "-label";
        $(select).next(".select2")
            .find(".select2-selection__rendered[role=textbox], .select2-search__field")
            .attr("aria-labelledby", label.id);
    }

    $("select.my_select2").each(function () {
        nameByLabel(this);
    }).on("change", function () {
        nameByLabel(this);
    });
});
