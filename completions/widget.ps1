# how's shell widget for PowerShell 7 with PSReadLine 2, printed by
# `how init powershell`.
#
# The key (Ctrl+g unless told otherwise) hands the command line to
# `how --widget`: the line, or its last segment after | && ; and the like,
# becomes the command how finds for it, the cursor on its first
# placeholder. Pressed again on the line it has just written, the key opens
# the picker seeded with the same query; on a line holding <placeholders>
# it moves the cursor to the next one. Nothing is ever run: AcceptLine is
# never called, and Enter is yours to press.
#
# A second key (Alt+i unless told otherwise) saves the line as it is into
# the personal sheet: how add asks for a description and tags below it,
# and the line stays as it was, not run.
#
# The line goes to how in HOW_WIDGET_BUFFER rather than as an argument
# (to how --widget and to how add --from-widget alike):
# how PowerShell quotes native arguments differs between versions.

function global:__how_widget {
    $line = $null
    $cursor = $null
    [Microsoft.PowerShell.PSConsoleReadLine]::GetBufferState([ref]$line, [ref]$cursor)
    $buf = $line
    $pick = @()
    $wrote = ''
    # The history's last entry tells one command line from the next.
    $hist = (Get-History -Count 1).Id
    if ($null -ne $global:__how_last_out -and $global:__how_last_hist -eq $hist) {
        # What the widget wrote on this command line: how asks nothing of
        # it, edited or not, only of what is typed after it.
        $wrote = $global:__how_last_out
        # The line the widget wrote, unchanged: the user wants another
        # choice, so ask again with what they had typed.
        if ($line -ceq $global:__how_last_out) {
            $buf = $global:__how_last_in
            $pick = @('--pick')
        }
    }
    $env:HOW_WIDGET_BUFFER = $buf
    $env:HOW_WIDGET_CURSOR = [string]$cursor
    $env:HOW_WIDGET_WROTE = $wrote
    try {
        $out = (& how --widget @pick) -join "`n"
        $rc = $LASTEXITCODE
    } finally {
        Remove-Item -Path 'Env:HOW_WIDGET_BUFFER', 'Env:HOW_WIDGET_CURSOR', 'Env:HOW_WIDGET_WROTE' -ErrorAction SilentlyContinue
    }
    # The picker used the whole screen: draw the prompt and the line again.
    [Microsoft.PowerShell.PSConsoleReadLine]::InvokePrompt()
    if ($rc -ne 0 -or $out -notmatch "`n") { return }
    $off, $new = $out -split "`n", 2
    if ($off -notmatch '^-?[0-9]+$') { return }
    if ($new -cne $line) {
        $global:__how_last_in = $buf
        $global:__how_last_out = $new
        $global:__how_last_hist = $hist
    }
    [Microsoft.PowerShell.PSConsoleReadLine]::Replace(0, $line.Length, $new)
    if ([int]$off -ge 0) {
        [Microsoft.PowerShell.PSConsoleReadLine]::SetCursorPosition([int]$off)
    } else {
        [Microsoft.PowerShell.PSConsoleReadLine]::SetCursorPosition($new.Length)
    }
}

# __how_add_widget saves the command line as a personal snippet; the line
# and the cursor are left as they were.
function global:__how_add_widget {
    $line = $null
    $cursor = $null
    [Microsoft.PowerShell.PSConsoleReadLine]::GetBufferState([ref]$line, [ref]$cursor)
    # A blank line has nothing to save (how add would refuse it).
    if ([string]::IsNullOrWhiteSpace($line)) { return }
    # how add asks on the line below the cursor: put the cursor at the end
    # of the input first, so that the questions come under all of it.
    [Microsoft.PowerShell.PSConsoleReadLine]::SetCursorPosition($line.Length)
    $env:HOW_WIDGET_BUFFER = $line
    try {
        $null = & how add --from-widget
    } finally {
        Remove-Item -Path 'Env:HOW_WIDGET_BUFFER' -ErrorAction SilentlyContinue
    }
    # how add leaves the cursor at the start of the line after its last
    # words: draw the prompt and the input again there, as PSReadLine's
    # own ShowKeyBindings does, and put the cursor back.
    [Microsoft.PowerShell.PSConsoleReadLine]::InvokePrompt($null, [Console]::CursorTop)
    [Microsoft.PowerShell.PSConsoleReadLine]::SetCursorPosition($cursor)
}

# __how_bind CHORD [FUNCTION] binds FUNCTION (__how_widget unless told)
# to CHORD (PSReadLine notation, e.g. Ctrl+g), in the insert and command
# modes too when PSReadLine is in vi mode.
function global:__how_bind([string]$chord, [string]$fn = '__how_widget') {
    $handler = @{
        Chord            = $chord
        BriefDescription = 'how'
        Description      = 'Turn the command line into the command it asks for (how)'
        ScriptBlock      = { __how_widget }
    }
    if ($fn -eq '__how_add_widget') {
        $handler.BriefDescription = 'how add'
        $handler.Description = 'Save the command line as a personal snippet (how add)'
        $handler.ScriptBlock = { __how_add_widget }
    }
    Set-PSReadLineKeyHandler @handler
    if ((Get-PSReadLineOption).EditMode -eq 'Vi') {
        Set-PSReadLineKeyHandler @handler -ViMode Insert
        Set-PSReadLineKeyHandler @handler -ViMode Command
    }
}
